import 'server-only';
import { eq } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { items } from '@/db/schema';
import { can, type Actor, type DenyReason } from '@/lib/authz';
import { openSecret, parseSealed } from '@/lib/crypto/item-content';
import { invalid } from '@/lib/errors';
import type { RequestMeta } from '../audit';
import { loadItemWithFacts } from '../facts';
import { confirmIdentity } from '@/lib/dal/account/confirm-identity';
import { withActor } from '../transaction';

/*
 * The credentials vault (docs/product.md §6): a credentials item's secret value is revealed one at a time, to someone
 * the policy lets reveal it (`item.reveal`), after re-entering their password (or a fresh TOTP code when they
 * have two-factor), with a stated reason. The final decision, the decryption and the audit event carrying
 * the reason share one transaction: if the event cannot be written, the value is not handed out.
 */

export type RevealUser = Actor & { email: string };
export type RevealInput = { itemId: string; credential: string; reason: string };

export const REVEAL_ACTION = 'credentials.reveal';
export const WRONG_CREDENTIAL_MESSAGE = 'That password or code is not correct. Nothing was revealed.';
export const TOO_MANY_FAILURES_MESSAGE = 'Too many failed attempts. Nothing was revealed; try again in a few minutes.';

type Denial = DenyReason | 'not_found' | 'database_denied' | 'no_secret';

/** Why the actor may not reveal this item's value now, or null when they may. */
async function denial(
  tx: Tx,
  actor: Actor,
  itemId: string,
  now: Date,
): Promise<{ reason: Denial | null; projectId: string | null }> {
  const loaded = await loadItemWithFacts(tx, actor, itemId);
  if (!loaded) return { reason: 'not_found', projectId: null };
  const policy = can(actor, 'item.reveal', { type: 'item', project: loaded.project, item: loaded.item }, now);
  const reason = !policy.allowed
    ? policy.reason
    : !loaded.row.content_visible
      ? 'database_denied'
      : loaded.item.category !== 'credentials' || !loaded.row.has_secret
        ? 'no_secret'
        : null;
  return { reason, projectId: loaded.project.id };
}

/**
 * Returns the one secret value of a credentials item. Anything the user may not reveal (not readable,
 * missing, not a credentials item, no value stored) is not found, and no password is checked. A wrong
 * password or code: a clear refusal, audited as denied, nothing decrypted.
 */
export async function revealSecret(
  user: RevealUser,
  input: RevealInput,
  meta: RequestMeta,
  now = new Date(),
): Promise<string> {
  const event = (projectId: string | null) =>
    ({ action: REVEAL_ACTION, targetType: 'item', targetId: input.itemId, projectId }) as const;
  const denied = (projectId: string | null, reason: string) => ({
    ...event(projectId),
    reason,
    details: { statedReason: input.reason },
  });

  // First: is there anything for this user to reveal? If not, the answer is the one for a missing item.
  await withActor(
    user,
    async ({ tx, deny }) => {
      const { reason, projectId } = await denial(tx, user, input.itemId, now);
      if (reason) deny(denied(projectId, reason));
    },
    { meta, now },
  );

  // Re-authentication: throttled and counted like a sign-in, audited as `auth.reauthenticate`.
  const identity = await confirmIdentity(
    user,
    input.credential,
    { accept: 'password_or_code', purpose: REVEAL_ACTION },
    meta,
    now,
  );

  return withActor(
    user,
    async ({ tx, audit, deny }) => {
      // Decided again: a grant may have been revoked while the password was being checked.
      const { reason, projectId } = await denial(tx, user, input.itemId, now);
      if (reason) return deny(denied(projectId, reason));
      if (identity !== 'ok') {
        return deny(
          denied(projectId, identity === 'locked' ? 'reauth_locked' : 'reauth_failed'),
          identity === 'locked'
            ? invalid(TOO_MANY_FAILURES_MESSAGE)
            : invalid(WRONG_CREDENTIAL_MESSAGE, {
                password: ['Enter your own password (or authentication code) again.'],
              }),
        );
      }
      const [stored] = await tx
        .select({ secretSealed: items.secretSealed })
        .from(items)
        .where(eq(items.id, input.itemId));
      if (!stored?.secretSealed) return deny(denied(projectId, 'no_secret'));
      const value = openSecret(input.itemId, parseSealed(stored.secretSealed));
      audit({ ...event(projectId), actorId: user.id, outcome: 'allowed', reason: input.reason, meta });
      return value;
    },
    { meta, now },
  );
}
