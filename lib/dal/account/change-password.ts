import 'server-only';
import { TOO_MANY_ATTEMPTS, WRONG_PASSWORD } from '@/lib/auth/messages';
import { hashPassword } from '@/lib/crypto/password';
import { invalid } from '@/lib/errors';
import type { RequestMeta } from '@/lib/dal/audit';
import { endSessions } from '@/lib/dal/account/end-sessions';
import { setPasswordHash } from '@/lib/dal/account/set-password-hash';
import { voidResetLinks } from '@/lib/dal/account/void-reset-links';
import { confirmIdentity } from './confirm-identity';
import type { SessionUser } from './read-session-user';
import { withActor } from '@/lib/dal/transaction';

/** Changes the password after checking the current one; every other session ends. */
export async function changePassword(
  user: SessionUser,
  input: { currentPassword: string; newPassword: string },
  meta: RequestMeta,
  now = new Date(),
): Promise<void> {
  const identity = await confirmIdentity(
    user,
    input.currentPassword,
    { accept: 'password', purpose: 'password_change' },
    meta,
    now,
  );
  if (identity === 'locked') throw invalid(TOO_MANY_ATTEMPTS);
  if (identity === 'wrong') throw invalid(WRONG_PASSWORD, { currentPassword: [WRONG_PASSWORD] });
  const passwordHash = await hashPassword(input.newPassword);
  await withActor(user, async ({ tx, audit }) => {
    await setPasswordHash(tx, user.id, passwordHash, now);
    const ended = await endSessions(tx, user.id, now, user.sessionId);
    await voidResetLinks(tx, user.id, now);
    audit({
      actorId: user.id,
      action: 'auth.password_change',
      targetType: 'user',
      targetId: user.id,
      outcome: 'allowed',
      details: { otherSessionsEnded: ended },
      meta,
    });
  });
}
