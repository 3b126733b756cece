import 'server-only';
import { and, eq, gt, inArray, isNull, sql } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { privacyRequests } from '@/db/schema';
import type { ThrottleRule } from '@/lib/auth/throttle';
import { sha256Hex } from '@/lib/crypto/tokens';
import type { RequestKind } from '@/lib/privacy/vocabulary';
import { normalizeEmail, reserveAttempt, type ThrottleKey } from '@/lib/dal/sign-in/attempt-throttle';

/*
 * Bounds on the public privacy forms (issue 12, finding 4): anyone may type anyone's email, so each email and
 * each client address may start only a few requests (or new codes) an hour, and a repeat of a request still
 * waiting is merged into it instead of queuing another and emailing again. The counters are the sign-in
 * throttle's table and arithmetic, under keys of their own; every attempt counts and none is forgiven.
 */

export const LIMIT_WINDOW_MINUTES = 60;
const perHour = (n: number): ThrottleRule => ({
  freeFailures: n,
  lockAfter: n,
  lockMinutes: LIMIT_WINDOW_MINUTES,
  windowMinutes: LIMIT_WINDOW_MINUTES,
  baseDelayMs: 0,
  maxDelayMs: 0,
});
/** Requests and new codes per email an hour: a person's honest retries fit; a flood does not. */
export const EMAIL_RULE = perHour(5);
/** Per client address: an office or a household shares one, so a higher bar. */
export const IP_RULE = perHour(20);

// The machine itself (a local request, or a proxy that passes no client address): counting all of those under
// one address would let one visitor shut the form for everyone; the per-email bound still applies.
const isLoopback = (ip: string) => /^(127\.|::1$|::ffff:127\.)/.test(ip);

/** The counters a public privacy request (or a new code) is charged to: each email it goes to, and the address. */
export function intakeKeys(emails: readonly string[], ip: string | null): ThrottleKey[] {
  const unique = [...new Set(emails.map(normalizeEmail))];
  const keys: ThrottleKey[] = unique.map((e) => ({
    key: `privacy-email:${sha256Hex(e)}`,
    scope: 'account',
    rule: EMAIL_RULE,
  }));
  if (ip && !isLoopback(ip)) keys.push({ key: `privacy-ip:${ip.slice(0, 100)}`, scope: 'ip', rule: IP_RULE });
  return keys;
}

/** Counts one attempt on every key; false (nothing counted) when any is at its limit. */
export async function chargeIntake(tx: Tx, emails: readonly string[], ip: string | null, now: Date): Promise<boolean> {
  return (await reserveAttempt(tx, intakeKeys(emails, ip), now)).allowed;
}

type Repeat = { email: string; kind: RequestKind; agentEmail: string | null; needsCode: boolean };

/**
 * The request a repeat merges into: for one that needs a code, the same email, kind and agent still waiting
 * for its first code within the window (its code email already went out); for an opt-out or limit, which need
 * no code, the same one still open from the public form, whatever its age (it will be honoured once).
 */
export async function findWaitingRequest(tx: Tx, repeat: Repeat, now: Date): Promise<{ id: string } | null> {
  const same = and(
    eq(sql`lower(${privacyRequests.subjectEmail})`, normalizeEmail(repeat.email)),
    eq(privacyRequests.kind, repeat.kind),
    eq(privacyRequests.channel, 'public'),
    repeat.agentEmail === null
      ? isNull(privacyRequests.agentEmail)
      : eq(sql`lower(${privacyRequests.agentEmail})`, normalizeEmail(repeat.agentEmail)),
  );
  const waiting = repeat.needsCode
    ? and(
        same,
        eq(privacyRequests.status, 'verifying'),
        isNull(privacyRequests.verifiedAt),
        gt(privacyRequests.receivedAt, new Date(now.getTime() - LIMIT_WINDOW_MINUTES * 60_000)),
      )
    : and(
        same,
        inArray(privacyRequests.status, ['received', 'in_progress', 'extended']),
        eq(privacyRequests.verificationMethod, 'not_required'),
      );
  const [row] = await tx
    .select({ id: privacyRequests.id })
    .from(privacyRequests)
    .where(waiting)
    .orderBy(privacyRequests.receivedAt)
    .limit(1)
    .for('update');
  return row ?? null;
}
