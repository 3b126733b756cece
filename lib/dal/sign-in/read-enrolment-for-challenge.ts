import 'server-only';
import { totpUri } from '@/lib/auth/totp';
import { pendingSecret } from '@/lib/dal/account/second-factor-secrets';
import { openChallenge } from './open-challenge';
import { withActor } from '@/lib/dal/transaction';

export type Enrolment = { secret: string; uri: string };

/** The secret to enrol, for a challenge awaiting enrolment (shown on the enrolment page). */
export async function enrolmentForChallenge(token: string, now = new Date()): Promise<Enrolment | null> {
  return withActor(null, async ({ tx }) => {
    const challenge = await openChallenge(tx, token, 'enrol', now);
    if (!challenge) return null;
    const pending = await pendingSecret(tx, challenge.userId, now);
    return pending ? { secret: pending.secret, uri: totpUri(pending.secret, challenge.email) } : null;
  });
}
