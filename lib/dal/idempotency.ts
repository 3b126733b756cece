import 'server-only';
import { AsyncLocalStorage } from 'node:async_hooks';
import { and, eq } from 'drizzle-orm';
import { idempotentSubmissions } from '@/db/schema';
import type { Tx } from '@/db/client';
import type { Actor } from '@/lib/authz';
import { withActor } from './transaction';

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

/** undefined: never submitted; null: claimed, answer not recorded (still running, or cut off). */
export async function previousAnswer(actor: Actor, key: string): Promise<StoredAnswer | null | undefined> {
  return withActor(actor, async ({ tx }) => {
    const [row] = await tx
      .select({ result: idempotentSubmissions.result })
      .from(idempotentSubmissions)
      .where(and(eq(idempotentSubmissions.actorId, actor.id), eq(idempotentSubmissions.key, key)));
    return row ? ((row.result as StoredAnswer | null) ?? null) : undefined;
  });
}

const ownRow = (actor: Actor, key: string) =>
  and(eq(idempotentSubmissions.actorId, actor.id), eq(idempotentSubmissions.key, key));

export async function recordAnswer(actor: Actor, key: string, answer: StoredAnswer): Promise<void> {
  await withActor(actor, ({ tx }) =>
    tx.update(idempotentSubmissions).set({ result: answer }).where(ownRow(actor, key)),
  );
}

/** A submission that ended without doing its work gives its key back, so trying again works. */
export async function releaseSubmission(actor: Actor, key: string): Promise<void> {
  await withActor(actor, ({ tx }) => tx.delete(idempotentSubmissions).where(ownRow(actor, key)));
}
