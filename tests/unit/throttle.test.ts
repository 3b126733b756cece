/** Sign-in throttling arithmetic: counting before checking, escalating delays, the lock and its end. */
import { describe, expect, it } from 'vitest';
import {
  ACCOUNT_RULE,
  current,
  delayAfter,
  fail,
  IP_RULE,
  isLocked,
  reserve,
  succeed,
  type Counter,
} from '@/lib/auth/throttle';

const T0 = new Date('2026-11-20T10:00:00Z');
const later = (ms: number) => new Date(T0.getTime() + ms);
const fresh: Counter = { failures: 0, windowStartedAt: T0, lockedUntil: null };

/** Runs n failed attempts one after another; returns the counter and each answer's delay. */
function failTimes(n: number, start: Counter = fresh, now = T0) {
  let counter = start;
  const delays: number[] = [];
  const refused: number[] = [];
  for (let i = 1; i <= n; i++) {
    const r = reserve(ACCOUNT_RULE, counter, now);
    if (!r.allowed) {
      refused.push(i);
      continue;
    }
    const f = fail(ACCOUNT_RULE, r.counter, now);
    counter = f.counter;
    delays.push(delayAfter(ACCOUNT_RULE, counter.failures));
  }
  return { counter, delays, refused };
}

describe('account throttling', () => {
  it('three free failures, then escalating delays, then a lock at the eighth', () => {
    const { counter, delays, refused } = failTimes(8);
    expect(delays).toEqual([0, 0, 0, 1000, 2000, 4000, 8000, 8000]);
    expect(refused).toEqual([]);
    expect(counter.failures).toBe(8);
    expect(counter.lockedUntil).toEqual(later(15 * 60_000));
  });

  it('a locked key refuses attempts unchecked, and counts nothing more', () => {
    const { counter } = failTimes(8);
    const r = reserve(ACCOUNT_RULE, counter, later(60_000));
    expect(r.allowed).toBe(false);
    expect(r.counter).toEqual(counter);
    expect(isLocked(counter, later(15 * 60_000 - 1))).toBe(true);
  });

  it('the lock ends after fifteen minutes and the count starts afresh', () => {
    const { counter } = failTimes(8);
    const after = later(15 * 60_000);
    expect(isLocked(counter, after)).toBe(false);
    const r = reserve(ACCOUNT_RULE, counter, after);
    expect(r).toEqual({ allowed: true, counter: { failures: 1, windowStartedAt: after, lockedUntil: null } });
  });

  it('failures older than the window are forgotten', () => {
    const { counter } = failTimes(5);
    expect(current(ACCOUNT_RULE, counter, later(15 * 60_000 - 1)).failures).toBe(5);
    expect(current(ACCOUNT_RULE, counter, later(15 * 60_000)).failures).toBe(0);
  });

  it('attempts are counted before they are checked: a burst in flight cannot pass the limit', () => {
    let counter = fresh;
    let allowed = 0;
    // 100 parallel attempts reserve before any of them fails.
    for (let i = 0; i < 100; i++) {
      const r = reserve(ACCOUNT_RULE, counter, T0);
      counter = r.counter;
      if (r.allowed) allowed += 1;
    }
    expect(allowed).toBe(ACCOUNT_RULE.lockAfter);
  });

  it('a success forgives its own attempt, not earlier failures', () => {
    const { counter } = failTimes(5);
    const r = reserve(ACCOUNT_RULE, counter, T0);
    expect(r.counter.failures).toBe(6);
    expect(succeed(r.counter).failures).toBe(5);
    expect(succeed(fresh).failures).toBe(0);
  });

  it('the delay never exceeds its cap', () => {
    for (let f = 0; f < 100; f++) expect(delayAfter(ACCOUNT_RULE, f)).toBeLessThanOrEqual(ACCOUNT_RULE.maxDelayMs);
  });
});

describe('IP throttling', () => {
  it('allows an office more failures before delaying and locking', () => {
    expect(delayAfter(IP_RULE, 20)).toBe(0);
    expect(delayAfter(IP_RULE, 21)).toBe(500);
    expect(delayAfter(IP_RULE, 22)).toBe(1000);
    let counter = fresh;
    for (let i = 0; i < IP_RULE.lockAfter - 1; i++)
      counter = fail(IP_RULE, reserve(IP_RULE, counter, T0).counter, T0).counter;
    expect(isLocked(counter, T0)).toBe(false);
    const last = fail(IP_RULE, reserve(IP_RULE, counter, T0).counter, T0);
    expect(last.lockedNow).toBe(true);
    expect(isLocked(last.counter, T0)).toBe(true);
  });
});
