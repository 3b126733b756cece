import 'server-only';
import { can, type Actor, type AdminAction } from '@/lib/authz';
import { notFoundError } from '@/lib/errors';

/**
 * Administration is asked of the policy like everything else; a refusal looks like a missing page. Takes the
 * unit of work's actor as it is (null before sign-in) and, past it, the compiler knows someone is signed in.
 */
export function assertAllowed(actor: Actor | null, action: AdminAction): asserts actor is Actor {
  if (!actor || !can(actor, action, { type: 'system' }).allowed) throw notFoundError();
}

/** For pages and navigation: whether the policy lets the actor reach an administration screen. */
export const mayAdminister = (actor: Actor, action: AdminAction): boolean =>
  can(actor, action, { type: 'system' }).allowed;
