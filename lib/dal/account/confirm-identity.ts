import 'server-only';
import { bindCredential } from './bind-credential';
import { eq } from 'drizzle-orm';
import { userPasswords } from '@/db/schema';
import { isTotpCodeShape } from '@/lib/auth/totp';
import { verifyPassword } from '@/lib/crypto/password';
import type { RequestMeta } from '@/lib/dal/audit';
import { checkSecondFactor } from './second-factor-secrets';
import { auditLockouts } from '@/lib/dal/sign-in/audit-lockouts';
import { reserveAttempt, settleAttempt, throttleKeys } from '@/lib/dal/sign-in/attempt-throttle';
import { withActor } from '@/lib/dal/transaction';

export type Reauthentication = 'ok' | 'wrong' | 'locked';

/**
 * Re-authentication of a signed-in user before a sensitive act: their current password, or (when `accept`
 * allows it) a fresh TOTP code. Throttled and counted like a sign-in, so a stolen session cannot guess the
 * password here; audited as `auth.reauthenticate` with the purpose.
 */
export async function confirmIdentity(
  user: { id: string; email: string },
  credential: string,
  options: { accept: 'password' | 'password_or_code'; purpose: string },
  meta: RequestMeta,
  now = new Date(),
): Promise<Reauthentication> {
  const keys = throttleKeys(user.email, meta.ip);
  const event = {
    actorId: user.id,
    action: 'auth.reauthenticate',
    targetType: 'user',
    targetId: user.id,
    meta,
  } as const;
  const allowed = await withActor(null, async ({ tx, refused }) => {
    await bindCredential(tx, { email: user.email });
    const reserved = await reserveAttempt(tx, keys, now);
    if (!reserved.allowed) refused({ ...event, reason: 'locked', details: { purpose: options.purpose } });
    return reserved.allowed;
  });
  if (!allowed) return 'locked';

  const byCode = options.accept === 'password_or_code' && isTotpCodeShape(credential);
  let passwordOk = false;
  if (!byCode) {
    const [row] = await withActor(null, async ({ tx }) => {
      await bindCredential(tx, { email: user.email });
      return tx
        .select({ hash: userPasswords.passwordHash })
        .from(userPasswords)
        .where(eq(userPasswords.userId, user.id));
    });
    passwordOk = await verifyPassword(row?.hash ?? null, credential);
  }
  return withActor(null, async ({ tx, audit, refused }) => {
    await bindCredential(tx, { email: user.email });
    const ok = byCode ? (await checkSecondFactor(tx, user.id, credential, now)).ok : passwordOk;
    const details = { purpose: options.purpose, method: byCode ? 'totp' : 'password' };
    if (ok) {
      await settleAttempt(tx, keys, 'success', now);
      audit({ ...event, outcome: 'allowed', details });
      return 'ok';
    }
    const settlement = await settleAttempt(tx, keys, 'failure', now);
    refused({ ...event, reason: byCode ? 'bad_code' : 'bad_password', details });
    auditLockouts(refused, settlement, user.id, meta);
    return settlement.lockedScopes.length > 0 ? 'locked' : 'wrong';
  });
}
