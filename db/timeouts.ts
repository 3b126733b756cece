import 'server-only';

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

const DEFAULTS: DbTimeouts = { connectMs: 3000, statementMs: 5000, idleInTransactionMs: 10_000, deadlineMs: 6000 };

/** For command-line tools: no statement timeout and no deadline (nobody waits on a page); connecting still fails fast. */
export const BATCH_TIMEOUTS: Partial<DbTimeouts> = { statementMs: 0, deadlineMs: 0 };

function readMs(name: string, fallback: number): number {
  const text = process.env[name];
  if (text === undefined || text.trim() === '') return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a whole number of milliseconds.`);
  return value;
}

export function dbTimeouts(): DbTimeouts {
  return {
    connectMs: readMs('CLEARANCE_DB_CONNECT_TIMEOUT_MS', DEFAULTS.connectMs),
    statementMs: readMs('CLEARANCE_DB_STATEMENT_TIMEOUT_MS', DEFAULTS.statementMs),
    idleInTransactionMs: readMs('CLEARANCE_DB_IDLE_IN_TRANSACTION_TIMEOUT_MS', DEFAULTS.idleInTransactionMs),
    deadlineMs: readMs('CLEARANCE_DB_DEADLINE_MS', DEFAULTS.deadlineMs),
  };
}
