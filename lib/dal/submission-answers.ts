import 'server-only';
import { and, eq } from 'drizzle-orm';
import { idempotentSubmissions } from '@/db/schema';
import type { Actor } from '@/lib/authz';
import type { StoredAnswer } from './idempotency';
import { withActor } from './transaction';

/**
 * The answers of keyed creates (lib/dal/idempotency.ts claims the key inside the work's own transaction; these
 * read, store and give back the answer around it, each in its own unit of work).
 */
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
