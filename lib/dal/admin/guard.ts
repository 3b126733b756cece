import 'server-only';
import { can, type Actor, type AdminAction } from '@/lib/authz';
import { notFoundError } from '@/lib/errors';

/** Administration is asked of the policy like everything else; a refusal looks like a missing page. */
export function assertAllowed(actor: Actor, action: AdminAction): void {
  if (!can(actor, action, { type: 'system' }).allowed) throw notFoundError();
}

/** For pages and navigation: whether the policy lets the actor reach an administration screen. */
export const mayAdminister = (actor: Actor, action: AdminAction): boolean =>
  can(actor, action, { type: 'system' }).allowed;
