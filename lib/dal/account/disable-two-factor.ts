import 'server-only';
import { requiresTwoFactor } from '@/lib/authz';
import { invalid } from '@/lib/errors';
import type { RequestMeta } from '@/lib/dal/audit';
import { endSessions } from '@/lib/dal/account/end-sessions';
import { removeSecondFactor } from './second-factor-secrets';
import type { SessionUser } from './read-session-user';
import { withActor } from '@/lib/dal/transaction';
import { requireIdentity } from './require-identity';
import { accountEvent } from './account-event';

/** Turns two-factor off, where the policy allows it. */
export async function disableTwoFactor(
  user: SessionUser,
  credential: string,
  meta: RequestMeta,
  now = new Date(),
): Promise<void> {
  if (requiresTwoFactor(user.role)) throw invalid('Two-factor authentication is required for your account.');
  await requireIdentity(user, credential, 'two_factor_disable', meta, now);
  await withActor(user, async ({ tx, audit }) => {
    await removeSecondFactor(tx, user.id);
    const ended = await endSessions(tx, user.id, now, user.sessionId);
    audit(accountEvent(user, 'auth.two_factor_disable', meta, { otherSessionsEnded: ended }));
  });
}
