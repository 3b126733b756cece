import 'server-only';
import { eq } from 'drizzle-orm';
import { clientAccounts, legalHolds, projectDirectory } from '@/db/schema';
import type { Actor } from '@/lib/authz';
import { invalid, notFoundError } from '@/lib/errors';
import { assertAllowed } from '../guard';
import type { RequestMeta } from '../audit';
import { withActor } from '../transaction';

export async function placeLegalHold(
  actor: Actor,
  input: { clientAccountId?: string | undefined; projectId?: string | undefined; reason: string },
  meta: RequestMeta,
  now = new Date(),
): Promise<void> {
  assertAllowed(actor, 'retention.manage');
  const kind = input.clientAccountId ? 'account' : 'project';
  const id = input.clientAccountId ?? input.projectId;
  if (!id) throw invalid('Choose a client account or a project.', { projectId: ['Choose one.'] });
  await withActor(actor, async ({ tx, audit }) => {
    const exists =
      kind === 'account'
        ? (await tx.select({ id: clientAccounts.id }).from(clientAccounts).where(eq(clientAccounts.id, id))).length > 0
        : (await tx.select({ id: projectDirectory.id }).from(projectDirectory).where(eq(projectDirectory.id, id)))
            .length > 0;
    if (!exists) throw notFoundError();
    const [hold] = await tx
      .insert(legalHolds)
      .values({
        clientAccountId: kind === 'account' ? id : null,
        projectId: kind === 'project' ? id : null,
        reason: input.reason,
        placedBy: actor.id,
        placedAt: now,
      })
      .returning({ id: legalHolds.id });
    audit({
      actorId: actor.id,
      action: 'retention.hold_placed',
      targetType: 'legal_hold',
      targetId: hold!.id,
      projectId: kind === 'project' ? id : null,
      outcome: 'allowed',
      details: { on: kind },
      meta,
    });
  });
}
