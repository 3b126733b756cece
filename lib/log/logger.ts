import pino from 'pino';
import { env } from '@/lib/env';

/**
 * The server's one logger: a JSON line per event on stdout, with `time` (ISO 8601), `level` (a word), `msg`
 * and the fields each caller adds (README, "Logs"). Callers pass ids, codes, routes and numbers only: never
 * content, names, email addresses, query text or parameters. LOG_LEVEL sets the threshold (default info;
 * silent under vitest so test output stays readable).
 */
export const log = pino({
  level: env.logLevel,
  base: undefined,
  timestamp: pino.stdTimeFunctions.isoTime,
  formatters: { level: (label) => ({ level: label }) },
});

/** An error's kind for a log line: its class name and driver or SQLSTATE code, never its message. */
export function errorKind(error: unknown): { error: string; code?: string; reason?: string } {
  if (!(error instanceof Error)) return { error: typeof error };
  const safe = (value: unknown) => (typeof value === 'string' && /^[\w-]{1,40}$/.test(value) ? value : undefined);
  const code = safe((error as { code?: unknown }).code);
  const reason = safe((error as { reason?: unknown }).reason); // DatabaseUnavailableError: ECONNREFUSED, deadline…
  return { error: error.name, ...(code ? { code } : {}), ...(reason ? { reason } : {}) };
}
