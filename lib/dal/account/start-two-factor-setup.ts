import 'server-only';
import type { RequestMeta } from '@/lib/dal/audit';
import { accountEvent } from './account-event';
import { requireIdentity } from './require-identity';
import { createPendingSecret } from './second-factor-secrets';
import type { SessionUser } from './read-session-user';
import { withActor } from '@/lib/dal/transaction';

/** Starts setting up (or resetting) two-factor: a new secret, pending until confirmed with a code. */
export async function startTwoFactorSetup(
  user: SessionUser,
  credential: string,
  meta: RequestMeta,
  now = new Date(),
): Promise<void> {
  await requireIdentity(user, credential, 'two_factor_setup', meta, now);
  await withActor(user, async ({ tx, audit }) => {
    await createPendingSecret(tx, user.id);
    audit(accountEvent(user, 'auth.two_factor_setup_started', meta));
  });
}
