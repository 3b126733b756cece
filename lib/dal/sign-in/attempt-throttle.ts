import 'server-only';
import { eq } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { signInThrottles } from '@/db/schema';
import { sha256Hex } from '@/lib/crypto/tokens';
import { isMachineAddress } from '@/lib/security/client-ip';
import {
  ACCOUNT_RULE,
  delayAfter,
  fail,
  IP_RULE,
  reserve,
  succeed,
  type Counter,
  type ThrottleRule,
} from '@/lib/auth/throttle';

/** One throttling counter: an account (by normalized email, hashed) or a client IP. */
export type ThrottleKey = { key: string; scope: 'account' | 'ip'; rule: ThrottleRule };

export const normalizeEmail = (email: string) => email.trim().toLowerCase();

/**
 * The counters a sign-in attempt for `email` from `ip` is charged to: always the account's, and the client
 * address's when it is known and not the machine's own.
 */
export function throttleKeys(email: string, ip: string | null): ThrottleKey[] {
  const keys: ThrottleKey[] = [
    { key: `account:${sha256Hex(normalizeEmail(email))}`, scope: 'account', rule: ACCOUNT_RULE },
  ];
  // The machine itself (the socket's own loopback address, with no proxy configured: never a header's claim)
  // is spared the IP counter, which would otherwise slow every local user at once; the account counter applies.
  if (ip && !isMachineAddress(ip)) keys.push({ key: `ip:${ip.slice(0, 100)}`, scope: 'ip', rule: IP_RULE });
  return keys;
}

async function load(tx: Tx, key: string, now: Date): Promise<Counter> {
  // Create the row first, then lock it: concurrent attempts on one key queue here.
  await tx.insert(signInThrottles).values({ key, failures: 0, windowStartedAt: now }).onConflictDoNothing();
  const [row] = await tx.select().from(signInThrottles).where(eq(signInThrottles.key, key)).for('update');
  return { failures: row!.failures, windowStartedAt: row!.windowStartedAt, lockedUntil: row!.lockedUntil };
}

const save = (tx: Tx, key: string, counter: Counter, now: Date) =>
  tx
    .update(signInThrottles)
    .set({ ...counter, updatedAt: now })
    .where(eq(signInThrottles.key, key));

/**
 * Counts an attempt on every key before it is checked. When any key is locked nothing is counted and the
 * attempt is refused unchecked.
 */
export async function reserveAttempt(tx: Tx, keys: ThrottleKey[], now: Date): Promise<{ allowed: boolean }> {
  const reserved = [];
  for (const k of keys) {
    const result = reserve(k.rule, await load(tx, k.key, now), now);
    if (!result.allowed) return { allowed: false };
    reserved.push({ k, counter: result.counter });
  }
  for (const { k, counter } of reserved) await save(tx, k.key, counter, now);
  return { allowed: true };
}

export type Settlement = { delayMs: number; lockedScopes: ('account' | 'ip')[] };

/**
 * Settles a reserved attempt. `failure` keeps it counted (and may start a lock); `success` forgives it;
 * `reset` clears the account counter (a completed sign-in or a password reset) and forgives the IP's.
 */
export async function settleAttempt(
  tx: Tx,
  keys: ThrottleKey[],
  outcome: 'failure' | 'success' | 'reset',
  now: Date,
): Promise<Settlement> {
  const settlement: Settlement = { delayMs: 0, lockedScopes: [] };
  for (const k of keys) {
    const counter = await load(tx, k.key, now);
    if (outcome === 'failure') {
      const result = fail(k.rule, counter, now);
      await save(tx, k.key, result.counter, now);
      if (result.lockedNow) settlement.lockedScopes.push(k.scope);
      settlement.delayMs = Math.max(settlement.delayMs, delayAfter(k.rule, result.counter.failures));
    } else if (outcome === 'reset' && k.scope === 'account') {
      await save(tx, k.key, { failures: 0, windowStartedAt: now, lockedUntil: null }, now);
    } else {
      await save(tx, k.key, succeed(counter), now);
    }
  }
  return settlement;
}

/** Clears an account's counter and lock (after a password reset proved the owner's mailbox). */
export async function clearAccountThrottle(tx: Tx, email: string, now: Date): Promise<void> {
  await save(tx, throttleKeys(email, null)[0]!.key, { failures: 0, windowStartedAt: now, lockedUntil: null }, now);
}
