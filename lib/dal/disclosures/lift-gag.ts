import 'server-only';
import { and, eq, isNull } from 'drizzle-orm';
import { disclosures } from '@/db/schema';
import { can, type Actor } from '@/lib/authz';
import { RECIPIENT_KIND_LABELS } from '@/lib/disclosures/vocabulary';
import { invalid, notFoundError } from '@/lib/errors';
import type { RequestMeta } from '../audit';
import { withActor } from '../transaction';
import { tellClient } from './record-disclosure';

/**
 * Lifts the gag on a legal disclosure (issue 15 point 2): the law no longer forbids telling the person. The record
 * becomes visible to the client at once (row-level security reads `gag_lifted_at`), and the client is told, in the
 * app and by email. Only an admin, once; nothing else about the record changes (disclosures_guard).
 */
export async function liftDisclosureGag(
  actor: Actor,
  input: { disclosureId: string },
  meta: RequestMeta,
  now = new Date(),
): Promise<void> {
  if (!can(actor, 'disclosure.lift_gag', { type: 'disclosure', disclosure: null }, now).allowed) throw notFoundError();
  await withActor(
    actor,
    async ({ tx, audit }) => {
      const [row] = await tx.select().from(disclosures).where(eq(disclosures.id, input.disclosureId));
      if (!row) throw notFoundError();
      // Row-level security lets the update reach only a gag not yet lifted: of two admins lifting at once, one does.
      const lifted = await tx
        .update(disclosures)
        .set({ gagLiftedAt: now, gagLiftedBy: actor.id })
        .where(and(eq(disclosures.id, row.id), eq(disclosures.gagged, true), isNull(disclosures.gagLiftedAt)))
        .returning({ id: disclosures.id });
      if (lifted.length === 0) throw invalid('This disclosure is not under a gag.');
      audit({
        actorId: actor.id,
        action: 'disclosure.lift_gag',
        targetType: 'disclosure',
        targetId: row.id,
        projectId: row.projectId,
        outcome: 'allowed',
        details: { gagUntil: row.gagUntil?.toISOString() ?? null },
        meta,
      });
      const kind = RECIPIENT_KIND_LABELS[row.recipientKind].toLowerCase();
      await tellClient(
        tx,
        row.clientAccountId,
        {
          title: `You may now be told of a disclosure: data about you went to ${row.recipientName}`,
          body: `On ${row.disclosedAt.toISOString().slice(0, 10)} MM Group disclosed data about you to a ${kind}, ${row.recipientName}, under a legal instrument (${row.instrumentReference}) that forbade telling you until now. See what was disclosed, why and on what basis under “Shared with”.`,
        },
        'disclosure.gag_lifted',
        row.id,
      );
    },
    { meta, now },
  );
}
