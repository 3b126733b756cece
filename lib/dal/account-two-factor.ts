import 'server-only';
import { requiresTwoFactor } from '@/lib/authz';
import { BAD_CODE, TOO_MANY_ATTEMPTS, WRONG_CREDENTIAL } from '@/lib/auth/messages';
import { totpUri } from '@/lib/auth/totp';
import { invalid } from '@/lib/errors';
import type { RequestMeta } from './audit';
import { endSessions } from './credentials';
import { confirmIdentity } from './reauthenticate';
import {
  activatePendingSecret,
  createPendingSecret,
  hasActiveSecret,
  pendingSecret,
  removeSecondFactor,
  replaceRecoveryCodes,
  unusedRecoveryCodeCount,
} from './second-factor';
import type { SessionUser } from './session';
import { auditLockouts } from './sign-in';
import { reserveAttempt, settleAttempt, throttleKeys } from './throttle';
import { withActor } from './transaction';

/**
 * Two-factor on the account page: set up or reset (re-authenticate, scan, confirm with a code), turn off
 * (only where the policy makes it optional), and new recovery codes. Each change ends every other session.
 */

export type TwoFactorStatus = {
  enabled: boolean;
  required: boolean;
  recoveryCodesLeft: number;
  /** A setup waiting for its first code: the secret to show (to its owner only) and the otpauth URI. */
  pending: { secret: string; uri: string } | null;
};

export async function twoFactorStatus(user: SessionUser, now = new Date()): Promise<TwoFactorStatus> {
  return withActor(user, async ({ tx }) => {
    const pending = await pendingSecret(tx, user.id, now);
    return {
      enabled: await hasActiveSecret(tx, user.id),
      required: requiresTwoFactor(user.role),
      recoveryCodesLeft: await unusedRecoveryCodeCount(tx, user.id),
      pending: pending ? { secret: pending.secret, uri: totpUri(pending.secret, user.email) } : null,
    };
  });
}

async function reauthenticate(user: SessionUser, credential: string, purpose: string, meta: RequestMeta, now: Date) {
  const result = await confirmIdentity(user, credential, { accept: 'password_or_code', purpose }, meta, now);
  if (result === 'locked') throw invalid(TOO_MANY_ATTEMPTS);
  if (result === 'wrong') throw invalid(WRONG_CREDENTIAL);
}

const event = (user: SessionUser, action: string, meta: RequestMeta, details?: Record<string, unknown>) =>
  ({ actorId: user.id, action, targetType: 'user', targetId: user.id, outcome: 'allowed', details, meta }) as const;

/** Starts setting up (or resetting) two-factor: a new secret, pending until confirmed with a code. */
export async function startTwoFactorSetup(
  user: SessionUser,
  credential: string,
  meta: RequestMeta,
  now = new Date(),
): Promise<void> {
  await reauthenticate(user, credential, 'two_factor_setup', meta, now);
  await withActor(user, async ({ tx, audit }) => {
    await createPendingSecret(tx, user.id);
    audit(event(user, 'auth.two_factor_setup_started', meta));
  });
}

/** Confirms the pending secret: it replaces the old one, new recovery codes are returned (shown once). */
export async function confirmTwoFactorSetup(
  user: SessionUser,
  code: string,
  meta: RequestMeta,
  now = new Date(),
): Promise<string[]> {
  const keys = throttleKeys(user.email, meta.ip);
  const result = await withActor(user, async ({ tx, audit }) => {
    if (!(await reserveAttempt(tx, keys, now)).allowed) return 'locked' as const;
    const wasEnabled = await hasActiveSecret(tx, user.id);
    const codes = await activatePendingSecret(tx, user.id, code, now);
    if (!codes) {
      const settlement = await settleAttempt(tx, keys, 'failure', now);
      audit({ ...event(user, 'auth.two_factor_enrol', meta), outcome: 'denied', reason: 'bad_code' });
      auditLockouts(audit, settlement, user.id, meta);
      return settlement.lockedScopes.length > 0 ? ('locked' as const) : ('wrong' as const);
    }
    await settleAttempt(tx, keys, 'success', now);
    const ended = await endSessions(tx, user.id, now, user.sessionId);
    audit(
      event(user, wasEnabled ? 'auth.two_factor_reset' : 'auth.two_factor_enrol', meta, { otherSessionsEnded: ended }),
    );
    return codes;
  });
  if (result === 'locked') throw invalid(TOO_MANY_ATTEMPTS);
  if (result === 'wrong') throw invalid(BAD_CODE);
  return result;
}

/** Turns two-factor off, where the policy allows it. */
export async function disableTwoFactor(
  user: SessionUser,
  credential: string,
  meta: RequestMeta,
  now = new Date(),
): Promise<void> {
  if (requiresTwoFactor(user.role)) throw invalid('Two-factor authentication is required for your account.');
  await reauthenticate(user, credential, 'two_factor_disable', meta, now);
  await withActor(user, async ({ tx, audit }) => {
    await removeSecondFactor(tx, user.id);
    const ended = await endSessions(tx, user.id, now, user.sessionId);
    audit(event(user, 'auth.two_factor_disable', meta, { otherSessionsEnded: ended }));
  });
}

/** Replaces the recovery codes (the old ones stop working); returns the new ones, shown once. */
export async function regenerateRecoveryCodes(
  user: SessionUser,
  credential: string,
  meta: RequestMeta,
  now = new Date(),
): Promise<string[]> {
  await reauthenticate(user, credential, 'recovery_codes', meta, now);
  return withActor(user, async ({ tx, audit }) => {
    if (!(await hasActiveSecret(tx, user.id))) throw invalid('Turn on two-factor authentication first.');
    const codes = await replaceRecoveryCodes(tx, user.id);
    const ended = await endSessions(tx, user.id, now, user.sessionId);
    audit(event(user, 'auth.recovery_codes_regenerate', meta, { otherSessionsEnded: ended }));
    return codes;
  });
}
