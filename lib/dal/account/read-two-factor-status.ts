import 'server-only';
import { requiresTwoFactor } from '@/lib/authz';
import { totpUri } from '@/lib/auth/totp';
import { hasActiveSecret, pendingSecret, unusedRecoveryCodeCount } from './second-factor-secrets';
import type { SessionUser } from './read-session-user';
import { withActor } from '@/lib/dal/transaction';

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
