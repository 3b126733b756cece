import 'server-only';
import { and, eq, isNotNull } from 'drizzle-orm';
import { memberships } from '@/db/schema';
import type { Actor } from '@/lib/authz';
import { checkUndoRevocation } from '@/lib/authz/policy';
import { invalid, notFoundError } from '@/lib/errors';
import type { RequestMeta } from '../audit';
import { assertAllowed } from '../guard';
import { notify } from '../notifications/notify';
import { withActor } from '../transaction';
import { transition } from '../transition';
import { undoRefusal } from './undo-refusal';

/**
 * Undoing a membership revocation within the minute (issue 16): the same row gets its access back exactly as it
 * was (role, scopes, expiry, grantor and NDA never changed), audited as an undo. The policy decides
 * (checkUndoRevocation: the admin who revoked it, within the minute) and so does the database
 * (memberships_transition_guard, migration 0038). The revoked person is told their access is back.
 */
export async function undoMembershipRevocation(
  actor: Actor,
  input: { membershipId: string },
  meta: RequestMeta,
  now = new Date(),
) {
  assertAllowed(actor, 'membership.grant');
  return withActor(
    actor,
    async ({ tx, audit, enforce }) => {
      const [row] = await tx
        .select({
          userId: memberships.userId,
          projectId: memberships.projectId,
          revokedAt: memberships.revokedAt,
          revokedBy: memberships.revokedBy,
        })
        .from(memberships)
        .where(eq(memberships.id, input.membershipId));
      if (!row) throw notFoundError();
      enforce(
        checkUndoRevocation(actor, row, now),
        {
          action: 'membership.revoke_undone',
          targetType: 'user',
          targetId: row.userId,
          projectId: row.projectId,
          details: { membershipId: input.membershipId },
          recordAllowed: false,
        },
        undoRefusal('This revocation cannot be undone.'),
      );
      // The revocation this actor made, still in place: two clicks restore once.
      const restored = await transition(tx, {
        table: memberships,
        row: eq(memberships.id, input.membershipId),
        from: and(isNotNull(memberships.revokedAt), eq(memberships.revokedBy, actor.id))!,
        set: { revokedAt: null, revokedBy: null },
        returning: { id: memberships.id },
      });
      if (!restored) throw invalid('This revocation was already undone.');
      audit({
        actorId: actor.id,
        action: 'membership.revoke_undone',
        targetType: 'user',
        targetId: row.userId,
        projectId: row.projectId,
        outcome: 'allowed',
        details: { membershipId: input.membershipId, revokedAt: row.revokedAt },
        meta,
      });
      await notify(
        tx,
        { kind: 'access.granted', userIds: [row.userId], projectId: row.projectId, subject: input.membershipId },
        (r) => ({
          title: `Access restored: ${r.projectLabel}`,
          body: `The revocation of your access to ${r.projectLabel} was undone: your access is as it was.`,
          href: `/projects/${row.projectId}`,
        }),
      );
      return { projectId: row.projectId };
    },
    { meta, now },
  );
}
