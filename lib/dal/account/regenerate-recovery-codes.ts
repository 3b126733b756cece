import 'server-only';
import { invalid } from '@/lib/errors';
import type { RequestMeta } from '@/lib/dal/audit';
import { endSessions } from '@/lib/dal/account/end-sessions';
import { hasActiveSecret, replaceRecoveryCodes } from './second-factor-secrets';
import type { SessionUser } from './read-session-user';
import { withActor } from '@/lib/dal/transaction';
import { requireIdentity } from './require-identity';
import { accountEvent } from './account-event';

/** Replaces the recovery codes (the old ones stop working); returns the new ones, shown once. */
export async function regenerateRecoveryCodes(
  user: SessionUser,
  credential: string,
  meta: RequestMeta,
  now = new Date(),
): Promise<string[]> {
  await requireIdentity(user, credential, 'recovery_codes', meta, now);
  return withActor(user, async ({ tx, audit }) => {
    if (!(await hasActiveSecret(tx, user.id))) throw invalid('Turn on two-factor authentication first.');
    const codes = await replaceRecoveryCodes(tx, user.id);
    const ended = await endSessions(tx, user.id, now, user.sessionId);
    audit(accountEvent(user, 'auth.recovery_codes_regenerate', meta, { otherSessionsEnded: ended }));
    return codes;
  });
}
