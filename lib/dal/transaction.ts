import 'server-only';
import { sql, type SQL } from 'drizzle-orm';
import { getDb, type Tx } from '@/db/client';
import type { Actor } from '@/lib/authz';
import type { AppError } from '@/lib/errors';
import { recordAudit, type AuditEntry } from './audit';
import { claimSubmission } from './idempotency';

/** The database role every application transaction runs as: no superuser, no BYPASSRLS (see migration 0001). */
export const APP_ROLE = 'clearance_app';

export type Work = {
  tx: Tx;
  /** Queues an audit event; it is written as the last statement of this transaction (see below). */
  audit: (entry: AuditEntry) => void;
};

/**
 * The first statement of every transaction: the acting user and the application role. Parameterised, so it
 * is one prepared statement for every user (db/client.ts prepares statements on PostgreSQL).
 */
const roleSwitch = (actor: Actor | null): SQL =>
  sql`select set_config('app.user_id', ${actor?.id ?? ''}, true), set_config('role', ${APP_ROLE}, true)`;

const REFUSAL = Symbol('refusal');
export type Refusal = { [REFUSAL]: AppError };

/** A refusal whose audit event must commit: the transaction commits, then the error is thrown. */
export const refuse = (error: AppError): Refusal => ({ [REFUSAL]: error });
const isRefusal = (value: unknown): value is Refusal => typeof value === 'object' && value !== null && REFUSAL in value;

/**
 * Every data-access unit of work runs here: one transaction, as the application role, on behalf of one actor
 * (or none), so row-level security applies the need-to-know policy a second time, in the database.
 *
 * Audit events are written last. The audit chain's link lock lasts from the insert to the commit, so writing
 * them last keeps that lock to a single insert; and since they share the transaction, an act whose event
 * cannot be written does not happen (a read is not served).
 */
export async function withActor<T>(actor: Actor | null, work: (context: Work) => Promise<T | Refusal>): Promise<T> {
  const db = await getDb();
  const result = await db.transaction(async (tx) => {
    await tx.execute(roleSwitch(actor));
    // A keyed create (lib/dal/idempotency.ts) claims its key here, so the claim commits with the work.
    await claimSubmission(tx, actor);
    const queued: AuditEntry[] = [];
    const value = await work({ tx, audit: (entry) => void queued.push(entry) });
    for (const entry of queued) await recordAudit(tx, entry);
    return value;
  });
  if (isRefusal(result)) throw result[REFUSAL];
  return result;
}
