import 'server-only';
import { AsyncLocalStorage } from 'node:async_hooks';
import { idempotentSubmissions } from '@/db/schema';
import type { Tx } from '@/db/client';
import type { Actor } from '@/lib/authz';

/**
 * Idempotent creates (issue 17, point 4). A form carries a one-time key; the action's first transaction
 * claims (actor, key) in the same transaction as its work, so the claim commits exactly when the work does.
 * A retry with the same key finds the claim and is given the first answer; a concurrent duplicate waits on
 * the claim's row lock, then finds it. The answer is stored after the handler: ids, messages, a redirect.
 */
export type StoredAnswer =
  { kind: 'state'; ok: boolean; message: string; data?: Record<string, string> } | { kind: 'redirect'; url: string };

type Submission = { actorId: string; key: string; claimed: boolean };
const running = new AsyncLocalStorage<Submission>();

/** Thrown inside a transaction when another submission with the same key got there first. */
export class AlreadySubmitted extends Error {
  constructor() {
    super('Already submitted.');
    this.name = 'AlreadySubmitted';
  }
}

/** Runs an action's handler with its key in scope, so the first transaction it opens claims the key. */
export function withSubmission<T>(
  actor: Actor,
  key: string,
  work: () => Promise<T>,
): { claimed: () => boolean; run: Promise<T> } {
  const submission: Submission = { actorId: actor.id, key, claimed: false };
  return { claimed: () => submission.claimed, run: running.run(submission, work) };
}

/** Called by withActor at the start of every transaction: claims the key in scope, once, for its actor. */
export async function claimSubmission(tx: Tx, actor: Actor | null): Promise<void> {
  const submission = running.getStore();
  if (!submission || submission.claimed || actor?.id !== submission.actorId) return;
  const claimed = await tx
    .insert(idempotentSubmissions)
    .values({ actorId: submission.actorId, key: submission.key })
    .onConflictDoNothing()
    .returning({ key: idempotentSubmissions.key });
  if (claimed.length === 0) throw new AlreadySubmitted();
  submission.claimed = true;
}
