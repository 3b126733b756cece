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
