import 'server-only';
import type { Actor } from '@/lib/authz';
import { hasActiveSecret } from '@/lib/dal/account/second-factor-secrets';
import { withActor } from '../transaction';

/** Whether the reveal form may offer an authentication code (the user has two-factor on). */
export async function revealAcceptsCode(user: Actor): Promise<boolean> {
  return withActor(user, ({ tx }) => hasActiveSecret(tx, user.id));
}
