/*
 * Sign-in throttling, as pure arithmetic (lib/dal/throttle.ts keeps the counters in the database).
 *
 * Every attempt is counted before the password is checked (so a burst of parallel guesses cannot slip past
 * the limit) and forgiven when it succeeds. After `freeFailures` failures each further failure is answered
 * after an escalating delay; at `lockAfter` failures within the window the key is locked for `lockMinutes`.
 * Keys are per account (the normalized email, whether or not an account has it) and per client IP.
 */

export type ThrottleRule = {
  freeFailures: number;
  lockAfter: number;
  lockMinutes: number;
  windowMinutes: number;
  baseDelayMs: number;
  maxDelayMs: number;
};

export const ACCOUNT_RULE: ThrottleRule = {
  freeFailures: 3,
  lockAfter: 8,
  lockMinutes: 15,
  windowMinutes: 15,
  baseDelayMs: 1000,
  maxDelayMs: 8000,
};
// Offices share an address: a higher bar, the same shape.
export const IP_RULE: ThrottleRule = {
  freeFailures: 20,
  lockAfter: 50,
  lockMinutes: 15,
  windowMinutes: 15,
  baseDelayMs: 500,
  maxDelayMs: 8000,
};

export type Counter = { failures: number; windowStartedAt: Date; lockedUntil: Date | null };

const minutes = (n: number) => n * 60_000;

export const isLocked = (counter: Counter, now: Date): boolean =>
  counter.lockedUntil !== null && counter.lockedUntil > now;

/** The counter as it stands at `now`: a finished window or an ended lock starts afresh. */
export function current(rule: ThrottleRule, counter: Counter, now: Date): Counter {
  if (isLocked(counter, now)) return counter;
  const windowOver = counter.windowStartedAt.getTime() + minutes(rule.windowMinutes) <= now.getTime();
  if (windowOver || counter.lockedUntil !== null) return { failures: 0, windowStartedAt: now, lockedUntil: null };
  return counter;
}

/** Counts an attempt before it is checked; a locked key (or one past its limit) refuses it unchecked. */
export function reserve(rule: ThrottleRule, counter: Counter, now: Date): { allowed: boolean; counter: Counter } {
  const base = current(rule, counter, now);
  if (isLocked(base, now) || base.failures >= rule.lockAfter) return { allowed: false, counter: base };
  return { allowed: true, counter: { ...base, failures: base.failures + 1 } };
}

/** A reserved attempt failed: it stays counted; reaching the limit starts the lock. */
export function fail(rule: ThrottleRule, counter: Counter, now: Date): { counter: Counter; lockedNow: boolean } {
  if (counter.failures >= rule.lockAfter && !isLocked(counter, now)) {
    return {
      counter: { ...counter, lockedUntil: new Date(now.getTime() + minutes(rule.lockMinutes)) },
      lockedNow: true,
    };
  }
  return { counter, lockedNow: false };
}

/** A reserved attempt succeeded: it is forgiven. */
export const succeed = (counter: Counter): Counter => ({ ...counter, failures: Math.max(0, counter.failures - 1) });

/** How long to hold the answer to a failure that brought the count to `failures`. */
export function delayAfter(rule: ThrottleRule, failures: number): number {
  if (failures <= rule.freeFailures) return 0;
  return Math.min(rule.baseDelayMs * 2 ** (failures - rule.freeFailures - 1), rule.maxDelayMs);
}
