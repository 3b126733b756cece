import 'server-only';
import { bindCredential } from './bind-credential';
import { and, eq, gt, isNull } from 'drizzle-orm';
import { passwordResetTokens, users } from '@/db/schema';
import { INVALID_RESET_LINK } from '@/lib/auth/messages';
import { hashPassword } from '@/lib/crypto/password';
import { sha256Hex } from '@/lib/crypto/tokens';
import { invalid } from '@/lib/errors';
import type { RequestMeta } from '@/lib/dal/audit';
import { endSessions } from '@/lib/dal/account/end-sessions';
import { setPasswordHash } from '@/lib/dal/account/set-password-hash';
import { voidResetLinks } from '@/lib/dal/account/void-reset-links';
import { clearAccountThrottle } from '@/lib/dal/sign-in/attempt-throttle';
import { withActor } from '@/lib/dal/transaction';

/**
 * Sets the new password, once: the link is claimed under a lock. Every session of the account ends, sign-ins
 * in progress are void, other links die, and the account's throttling lock is lifted (the mailbox proved
 * the owner). Two-factor stays as it was: a reset link alone does not get past it.
 */
export async function resetPassword(
  token: string,
  password: string,
  meta: RequestMeta,
  now = new Date(),
): Promise<void> {
  const passwordHash = await hashPassword(password);
  await withActor(
    null,
    async ({ tx, audit, deny }) => {
      await bindCredential(tx, { credential: sha256Hex(token) });
      const [link] = await tx
        .select({ id: passwordResetTokens.id, userId: passwordResetTokens.userId, email: users.email })
        .from(passwordResetTokens)
        .innerJoin(users, eq(users.id, passwordResetTokens.userId))
        .where(
          and(
            eq(passwordResetTokens.tokenHash, sha256Hex(token)),
            isNull(passwordResetTokens.usedAt),
            gt(passwordResetTokens.expiresAt, now),
            isNull(users.disabledAt),
          ),
        )
        .for('update', { of: passwordResetTokens });
      if (!link)
        return deny(
          { action: 'auth.password_reset', targetType: 'user', reason: 'invalid_link' },
          invalid(INVALID_RESET_LINK),
        );
      await setPasswordHash(tx, link.userId, passwordHash, now);
      const ended = await endSessions(tx, link.userId, now);
      await clearAccountThrottle(tx, link.email, now);
      // Last: the database lets this transaction act for the account only while its link is unused.
      await voidResetLinks(tx, link.userId, now);
      audit({
        actorId: link.userId,
        action: 'auth.password_reset',
        targetType: 'user',
        targetId: link.userId,
        outcome: 'allowed',
        details: { sessionsEnded: ended },
        meta,
      });
    },
    { meta, now },
  );
}
