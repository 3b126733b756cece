import 'server-only';
import { and, desc, gt, isNull } from 'drizzle-orm';
import { invitations } from '@/db/schema';
import type { Actor, UserRole } from '@/lib/authz';
import { assertAllowed } from '../guard';
import { withActor } from '../transaction';

export type PendingInvitation = { id: string; email: string; role: UserRole; expiresAt: Date };

/** Invitations not yet accepted and not yet expired, newest first. */
export async function listPendingInvitations(actor: Actor, now = new Date()): Promise<PendingInvitation[]> {
  assertAllowed(actor, 'user.invite');
  return withActor(
    actor,
    ({ tx }) =>
      tx
        .select({
          id: invitations.id,
          email: invitations.email,
          role: invitations.role,
          expiresAt: invitations.expiresAt,
        })
        .from(invitations)
        .where(and(isNull(invitations.acceptedAt), gt(invitations.expiresAt, now)))
        .orderBy(desc(invitations.createdAt)),
    { now },
  );
}
