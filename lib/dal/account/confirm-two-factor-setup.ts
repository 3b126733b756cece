import 'server-only';
import { BAD_CODE, TOO_MANY_ATTEMPTS } from '@/lib/auth/messages';
import { invalid } from '@/lib/errors';
import type { RequestMeta } from '@/lib/dal/audit';
import { endSessions } from '@/lib/dal/account/end-sessions';
import { activatePendingSecret, hasActiveSecret } from './second-factor-secrets';
import type { SessionUser } from './read-session-user';
import { auditLockouts } from '@/lib/dal/sign-in/audit-lockouts';
import { reserveAttempt, settleAttempt, throttleKeys } from '@/lib/dal/sign-in/attempt-throttle';
import { withActor } from '@/lib/dal/transaction';
import { accountEvent } from './account-event';

/** Confirms the pending secret: it replaces the old one, new recovery codes are returned (shown once). */
export async function confirmTwoFactorSetup(
  user: SessionUser,
  code: string,
  meta: RequestMeta,
  now = new Date(),
): Promise<string[]> {
  const keys = throttleKeys(user.email, meta.ip);
  const result = await withActor(user, async ({ tx, audit, refused }) => {
    if (!(await reserveAttempt(tx, keys, now)).allowed) return 'locked' as const;
    const wasEnabled = await hasActiveSecret(tx, user.id);
    const codes = await activatePendingSecret(tx, user.id, code, now);
    if (!codes) {
      const settlement = await settleAttempt(tx, keys, 'failure', now);
      refused({ ...accountEvent(user, 'auth.two_factor_enrol', meta), reason: 'bad_code' });
      auditLockouts(refused, settlement, user.id, meta);
      return settlement.lockedScopes.length > 0 ? ('locked' as const) : ('wrong' as const);
    }
    await settleAttempt(tx, keys, 'success', now);
    const ended = await endSessions(tx, user.id, now, user.sessionId);
    audit(
      accountEvent(user, wasEnabled ? 'auth.two_factor_reset' : 'auth.two_factor_enrol', meta, {
        otherSessionsEnded: ended,
      }),
    );
    return codes;
  });
  if (result === 'locked') throw invalid(TOO_MANY_ATTEMPTS);
  if (result === 'wrong') throw invalid(BAD_CODE);
  return result;
}
