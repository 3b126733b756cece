import 'server-only';
import { eq, isNull } from 'drizzle-orm';
import { allowlistEntries, itemDirectory } from '@/db/schema';
import type { Actor } from '@/lib/authz';
import { invalid } from '@/lib/errors';
import { itemReference } from '@/lib/labels';
import type { RequestMeta } from '../audit';
import { assertAllowed } from '../guard';
import { notify } from '../notifications/notify';
import { withActor } from '../transaction';
import { transition } from '../transition';

export async function revokeAllowlistEntry(
  actor: Actor,
  input: { entryId: string },
  meta: RequestMeta,
  now = new Date(),
) {
  assertAllowed(actor, 'allowlist.revoke');
  await withActor(
    actor,
    async ({ tx, audit }) => {
      // Two admins revoking at once: one revocation, one event, one notification (lib/dal/transition.ts).
      const row = await transition(tx, {
        table: allowlistEntries,
        row: eq(allowlistEntries.id, input.entryId),
        from: isNull(allowlistEntries.revokedAt),
        set: { revokedAt: now, revokedBy: actor.id },
        returning: { itemId: allowlistEntries.itemId, userId: allowlistEntries.userId },
      });
      if (!row) throw invalid('This entry is already revoked or does not exist.');
      const [item] = await tx
        .select({ projectId: itemDirectory.projectId, ref: itemDirectory.ref, category: itemDirectory.category })
        .from(itemDirectory)
        .where(eq(itemDirectory.id, row.itemId));
      audit({
        actorId: actor.id,
        action: 'allowlist.revoke',
        targetType: 'item',
        targetId: row.itemId,
        projectId: item?.projectId ?? null,
        outcome: 'allowed',
        details: { allowlistEntryId: input.entryId, granteeId: row.userId },
        meta,
      });
      if (item) {
        const label = itemReference(item.category, item.ref);
        await notify(
          tx,
          { kind: 'access.revoked', userIds: [row.userId], projectId: item.projectId, subject: input.entryId },
          (r) => ({
            title: `High-risk access revoked: ${label} in ${r.projectLabel}`,
            body: `You were removed from the allowlist of ${label} in ${r.projectLabel}.`,
          }),
        );
      }
    },
    { meta, now },
  );
}
