/** Expected failures the UI shows as they are; anything else is logged and answered generically. */
export class AppError extends Error {
  constructor(
    readonly code: 'not_found' | 'invalid' | 'conflict',
    message: string,
    readonly fieldErrors?: Record<string, string[]>,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

/** A denied resource answers exactly like a missing one. */
export const NOT_FOUND_MESSAGE = 'Not found.';
export const notFoundError = () => new AppError('not_found', NOT_FOUND_MESSAGE);
export const invalid = (message: string, fieldErrors?: Record<string, string[]>) =>
  new AppError('invalid', message, fieldErrors);

/**
 * The database could not be reached in time (refused, cut, timed out, or past the request's deadline). Pages
 * and actions answer it with "briefly unavailable" (HTTP 503 where the status is ours to set); nothing about
 * the query is carried. `reason` is a driver code (CONNECT_TIMEOUT, deadline, 57P01…), never data.
 */
export class DatabaseUnavailableError extends Error {
  readonly code = 'database_unavailable';
  /** Next.js keeps a thrown error's digest: the error page reads it to say "briefly unavailable", with the request id as reference. */
  readonly digest: string;
  constructor(readonly reason: string) {
    super('The database is briefly unavailable.');
    this.name = 'DatabaseUnavailableError';
    const context = (
      globalThis as {
        __clearanceRequestContext?: { getStore(): { requestId?: string; databaseUnavailable?: boolean } | undefined };
      }
    ).__clearanceRequestContext?.getStore();
    this.digest = `${UNAVAILABLE_DIGEST}${context?.requestId ?? ''}`;
    // The server entry answers this request's error page as 503 (lib/log/request-log.mjs), not 500.
    if (context) context.databaseUnavailable = true;
  }
}
export const UNAVAILABLE_DIGEST = 'unavailable-';
export const UNAVAILABLE_MESSAGE = 'Clearance is briefly unavailable. Please try again in a moment.';
export const isDatabaseUnavailable = (error: unknown): error is DatabaseUnavailableError =>
  error instanceof DatabaseUnavailableError || (error instanceof Error && error.name === 'DatabaseUnavailableError');
