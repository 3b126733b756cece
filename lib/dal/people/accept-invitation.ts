import 'server-only';
import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import { clientAccountMembers, invitations, users } from '@/db/schema';
import { hashPassword } from '@/lib/crypto/password';
import { sha256Hex } from '@/lib/crypto/tokens';
import { invalid } from '@/lib/errors';
import { bindCredential } from '../account/bind-credential';
import { setPasswordHash } from '../account/set-password-hash';
import type { RequestMeta } from '../audit';
import { withActor } from '../transaction';
import { INVALID_INVITATION } from './find-open-invitation';

/** Accepting sets the password and creates the account, once: the row is claimed under a lock. */
export async function acceptInvitation(
  token: string,
  password: string,
  meta: RequestMeta,
  now = new Date(),
): Promise<void> {
  const passwordHash = await hashPassword(password);
  await withActor(
    null,
    async ({ tx, audit }) => {
      await bindCredential(tx, { credential: sha256Hex(token) });
      const [invitation] = await tx
        .select()
        .from(invitations)
        .where(
          and(
            eq(invitations.tokenHash, sha256Hex(token)),
            isNull(invitations.acceptedAt),
            gt(invitations.expiresAt, now),
          ),
        )
        .for('update');
      if (!invitation) throw invalid(INVALID_INVITATION);
      await bindCredential(tx, { email: invitation.email });
      const [taken] = await tx
        .select({ id: users.id })
        .from(users)
        .where(eq(sql`lower(${users.email})`, invitation.email.toLowerCase()));
      if (taken) throw invalid(INVALID_INVITATION);
      const [user] = await tx
        .insert(users)
        .values({ email: invitation.email, name: invitation.name, role: invitation.role })
        .returning({ id: users.id });
      await setPasswordHash(tx, user!.id, passwordHash, now);
      if (invitation.clientAccountId) {
        await tx.insert(clientAccountMembers).values({ userId: user!.id, clientAccountId: invitation.clientAccountId });
      }
      await tx
        .update(invitations)
        .set({ acceptedAt: now, acceptedUserId: user!.id })
        .where(eq(invitations.id, invitation.id));
      audit({
        actorId: user!.id,
        action: 'user.accept_invitation',
        targetType: 'invitation',
        targetId: invitation.id,
        outcome: 'allowed',
        details: { ageConfirmed: true },
        meta,
      });
    },
    { meta, now },
  );
}
