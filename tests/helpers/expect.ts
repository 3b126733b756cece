import { expect } from 'vitest';
import { AppError } from '@/lib/errors';

/** Awaits a promise that must reject with an AppError of the given code (and message, when given). */
export async function expectAppError(
  promise: Promise<unknown>,
  code: AppError['code'] | readonly AppError['code'][],
  message?: string | RegExp,
): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error, 'expected the call to be refused with an AppError').toBeInstanceOf(AppError);
  const appError = error as AppError;
  if (Array.isArray(code)) expect(code).toContain(appError.code);
  else expect(appError.code).toBe(code);
  if (typeof message === 'string') expect(appError.message).toBe(message);
  else if (message) expect(appError.message).toMatch(message);
  return appError;
}
