import 'server-only';
import { eq } from 'drizzle-orm';
import { signInChallenges } from '@/db/schema';
import { totpUri } from '@/lib/auth/totp';
import type { RequestMeta } from './audit';
import { endSessions } from './credentials';
import { activatePendingSecret, checkSecondFactor, pendingSecret } from './second-factor';
import { auditLockouts, CHALLENGE_MAX_ATTEMPTS, openChallenge } from './sign-in';
import { reserveAttempt, settleAttempt, throttleKeys } from './throttle';
import { withActor } from './transaction';

/*
 * Step 2 of signing in (see lib/dal/sign-in.ts): the code of an enrolled account, or the enrolment of an
 * account that must have two-factor and has none yet. Wrong codes count against the account like wrong
 * passwords, and a challenge allows CHALLENGE_MAX_ATTEMPTS of them.
 */

export type CodeStep = { ok: true } | { ok: false; reason: 'expired' | 'locked' | 'bad_code'; delayMs: number };

const ended = { ok: false, reason: 'expired', delayMs: 0 } as const;

/** Checks a TOTP or recovery code for a challenge awaiting one. */
export async function verifySignInCode(
  token: string,
  code: string,
  meta: RequestMeta,
  now = new Date(),
): Promise<CodeStep> {
  return withActor(null, async ({ tx, audit }) => {
    const challenge = await openChallenge(tx, token, 'verify', now);
    if (!challenge) return ended;
    const { userId } = challenge;
    const event = { actorId: userId, action: 'auth.two_factor', targetType: 'user', targetId: userId, meta } as const;
    const keys = throttleKeys(challenge.email, meta.ip);
    if (!(await reserveAttempt(tx, keys, now)).allowed) {
      audit({ ...event, outcome: 'denied', reason: 'locked' });
      return { ok: false, reason: 'locked', delayMs: 0 };
    }
    const attempts = challenge.attempts + 1;
    const result = await checkSecondFactor(tx, userId, code, now);
    if (result.ok) {
      await tx
        .update(signInChallenges)
        .set({ attempts, verifiedAt: now, method: result.method })
        .where(eq(signInChallenges.id, challenge.id));
      await settleAttempt(tx, keys, 'reset', now);
      audit({ ...event, outcome: 'allowed', details: { method: result.method } });
      return { ok: true };
    }
    const settlement = await settleAttempt(tx, keys, 'failure', now);
    const exhausted = attempts >= CHALLENGE_MAX_ATTEMPTS;
    await tx
      .update(signInChallenges)
      .set({ attempts, ...(exhausted ? { expiresAt: now } : {}) })
      .where(eq(signInChallenges.id, challenge.id));
    audit({ ...event, outcome: 'denied', reason: result.reason, details: { attempt: attempts } });
    auditLockouts(audit, settlement, userId, meta);
    const reason = settlement.lockedScopes.length > 0 ? 'locked' : exhausted ? 'expired' : 'bad_code';
    return { ok: false, reason, delayMs: settlement.delayMs };
  });
}

export type Enrolment = { secret: string; uri: string };

/** The secret to enrol, for a challenge awaiting enrolment (shown on the enrolment page). */
export async function enrolmentForChallenge(token: string, now = new Date()): Promise<Enrolment | null> {
  return withActor(null, async ({ tx }) => {
    const challenge = await openChallenge(tx, token, 'enrol', now);
    if (!challenge) return null;
    const pending = await pendingSecret(tx, challenge.userId, now);
    return pending ? { secret: pending.secret, uri: totpUri(pending.secret, challenge.email) } : null;
  });
}

export type EnrolStep = { ok: true; recoveryCodes: string[] } | Extract<CodeStep, { ok: false }>;

/**
 * Confirms the enrolment with a code from the new secret: two-factor is on, ten recovery codes are made
 * (returned once), any other session of the account ends, and the challenge is verified.
 */
export async function confirmSignInEnrolment(
  token: string,
  code: string,
  meta: RequestMeta,
  now = new Date(),
): Promise<EnrolStep> {
  return withActor(null, async ({ tx, audit }) => {
    const challenge = await openChallenge(tx, token, 'enrol', now);
    if (!challenge) return ended;
    const { userId } = challenge;
    const event = {
      actorId: userId,
      action: 'auth.two_factor_enrol',
      targetType: 'user',
      targetId: userId,
      meta,
    } as const;
    const keys = throttleKeys(challenge.email, meta.ip);
    if (!(await reserveAttempt(tx, keys, now)).allowed) {
      audit({ ...event, outcome: 'denied', reason: 'locked' });
      return { ok: false, reason: 'locked', delayMs: 0 };
    }
    const attempts = challenge.attempts + 1;
    const recoveryCodes = await activatePendingSecret(tx, userId, code, now);
    if (recoveryCodes) {
      // A two-factor change ends every session and sign-in in progress, this one excepted (consumedAt reset).
      await endSessions(tx, userId, now);
      await tx
        .update(signInChallenges)
        .set({ attempts, verifiedAt: now, method: 'enrolled', consumedAt: null })
        .where(eq(signInChallenges.id, challenge.id));
      await settleAttempt(tx, keys, 'reset', now);
      audit({ ...event, outcome: 'allowed', details: { during: 'sign_in' } });
      return { ok: true, recoveryCodes };
    }
    const settlement = await settleAttempt(tx, keys, 'failure', now);
    const exhausted = attempts >= CHALLENGE_MAX_ATTEMPTS;
    await tx
      .update(signInChallenges)
      .set({ attempts, ...(exhausted ? { expiresAt: now } : {}) })
      .where(eq(signInChallenges.id, challenge.id));
    audit({ ...event, outcome: 'denied', reason: 'bad_code', details: { attempt: attempts } });
    auditLockouts(audit, settlement, userId, meta);
    return {
      ok: false,
      reason: settlement.lockedScopes.length > 0 ? 'locked' : exhausted ? 'expired' : 'bad_code',
      delayMs: settlement.delayMs,
    };
  });
}
