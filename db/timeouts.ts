import 'server-only';
import { env } from '@/lib/env';

/**
 * How long the app waits for PostgreSQL, from the environment (milliseconds). The defaults make an outage
 * answer "briefly unavailable" within a few seconds instead of holding every request and the pool:
 * - CLEARANCE_DB_CONNECT_TIMEOUT_MS (3000): opening a connection.
 * - CLEARANCE_DB_STATEMENT_TIMEOUT_MS (5000): PostgreSQL cancels a statement running longer.
 * - CLEARANCE_DB_IDLE_IN_TRANSACTION_TIMEOUT_MS (10000): PostgreSQL ends a session idle inside a transaction,
 *   so a request that died mid-transaction cannot hold locks (the audit chain's link lock above all).
 * - CLEARANCE_DB_DEADLINE_MS (6000): the app gives up on one unit of database work (a query, or a whole
 *   transaction including its wait for a pooled connection) and answers "briefly unavailable".
 * 0 turns a limit off. Migrations run without the statement timeout.
 */
export type DbTimeouts = { connectMs: number; statementMs: number; idleInTransactionMs: number; deadlineMs: number };

/** For command-line tools: no statement timeout and no deadline (nobody waits on a page); connecting still fails fast. */
export const BATCH_TIMEOUTS: Partial<DbTimeouts> = { statementMs: 0, deadlineMs: 0 };

/** The timeouts in force (lib/env.ts reads and checks the four variables, with the defaults above). */
export function dbTimeouts(): DbTimeouts {
  return { ...env.dbTimeouts };
}
