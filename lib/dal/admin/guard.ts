import 'server-only';
import { can, type Actor, type AdminAction } from '@/lib/authz';
import { notFoundError } from '@/lib/errors';

/** Administration is asked of the policy like everything else; a refusal looks like a missing page. */
export function assertAllowed(actor: Actor, action: AdminAction): void {
  if (!can(actor, action, { type: 'system' }).allowed) throw notFoundError();
}
