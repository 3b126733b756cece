import 'server-only';
import { eq, isNull } from 'drizzle-orm';
import { memberships } from '@/db/schema';
import type { Actor } from '@/lib/authz';
import { invalid } from '@/lib/errors';
import type { RequestMeta } from '../audit';
import { assertAllowed } from '../guard';
import { notify } from '../notifications/notify';
import { withActor } from '../transaction';
import { transition } from '../transition';

export async function revokeMembership(
  actor: Actor,
  input: { membershipId: string },
  meta: RequestMeta,
  now = new Date(),
) {
  assertAllowed(actor, 'membership.revoke');
  await withActor(
    actor,
    async ({ tx, audit }) => {
      // Two admins revoking at once: one revocation, one event, one notification (lib/dal/transition.ts).
      const row = await transition(tx, {
        table: memberships,
        row: eq(memberships.id, input.membershipId),
        from: isNull(memberships.revokedAt),
        set: { revokedAt: now, revokedBy: actor.id },
        returning: { userId: memberships.userId, projectId: memberships.projectId },
      });
      if (!row) throw invalid('This access is already revoked or does not exist.');
      audit({
        actorId: actor.id,
        action: 'membership.revoke',
        targetType: 'user',
        targetId: row.userId,
        projectId: row.projectId,
        outcome: 'allowed',
        details: { membershipId: input.membershipId },
        meta,
      });
      await notify(
        tx,
        { kind: 'access.revoked', userIds: [row.userId], projectId: row.projectId, subject: input.membershipId },
        (r) => ({
          title: `Access revoked: ${r.projectLabel}`,
          body: `Your access to ${r.projectLabel} was revoked.`,
        }),
      );
    },
    { meta, now },
  );
}
