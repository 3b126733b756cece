import 'server-only';
import { DatabaseUnavailableError, isDatabaseUnavailable } from '@/lib/errors';

/**
 * What a database failure may say. Drizzle's own error quotes the SQL and its parameters, and PostgreSQL's
 * message or detail can quote a value ("Key (email)=(…) already exists", "invalid input syntax: …"); Next.js
 * prints any error a page throws, so every query error is replaced here, at the source, by one that carries
 * the SQLSTATE, the table and the constraint — schema names, never data.
 */
export class DatabaseError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly table?: string,
    readonly constraint?: string,
  ) {
    super(message);
    this.name = 'DatabaseError';
  }
}

// Driver codes (postgres.js, node:net) and SQLSTATEs that mean "the database cannot be reached now".
const UNAVAILABLE_CODES = new Set([
  'CONNECT_TIMEOUT',
  'CONNECTION_CLOSED',
  'CONNECTION_DESTROYED',
  'CONNECTION_ENDED',
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ECONNABORTED',
  '57P01',
  '57P02',
  '57P03',
  '53300',
  '57014',
  '25P03',
]);

type DriverError = Error & {
  code?: unknown;
  errno?: unknown;
  table_name?: string;
  constraint_name?: string; // postgres.js
  table?: string;
  constraint?: string; // PGlite
};

const codeOf = (error: DriverError): string => (typeof error.code === 'string' ? error.code : '');

export function isUnavailableError(error: unknown): boolean {
  if (isDatabaseUnavailable(error)) return true;
  if (!(error instanceof Error)) return false;
  const code = codeOf(error as DriverError);
  return UNAVAILABLE_CODES.has(code) || code.startsWith('08');
}

// Messages we wrote ourselves (triggers' RAISE) or that name only a table: kept, they help and hold no data.
const KEEP_MESSAGE = /^(P0001|42501)$/;

/** The error to rethrow in place of a driver or Drizzle error: unavailable, or a DatabaseError without data. */
export function sanitizeDatabaseError(error: unknown): Error {
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  if (isDatabaseUnavailable(cause)) return cause;
  if (!(cause instanceof Error)) return new DatabaseError('unknown', 'Database error.');
  if (isUnavailableError(cause)) return new DatabaseUnavailableError(codeOf(cause as DriverError) || 'unavailable');
  if (cause instanceof DatabaseError) return cause;
  const driver = cause as DriverError;
  const code = codeOf(driver) || 'unknown';
  const table = driver.table_name ?? driver.table;
  const constraint = driver.constraint_name ?? driver.constraint;
  const message = KEEP_MESSAGE.test(code)
    ? cause.message
    : `Database error ${code}${table ? ` on ${table}` : ''}${constraint ? ` (${constraint})` : ''}.`;
  return new DatabaseError(code, message, table, constraint);
}
