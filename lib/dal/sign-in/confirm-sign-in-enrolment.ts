import 'server-only';
import { eq } from 'drizzle-orm';
import { signInChallenges } from '@/db/schema';
import type { RequestMeta } from '@/lib/dal/audit';
import { endSessions } from '@/lib/dal/account/end-sessions';
import { activatePendingSecret } from '@/lib/dal/account/second-factor-secrets';
import { auditLockouts } from './audit-lockouts';
import { CHALLENGE_MAX_ATTEMPTS, openChallenge } from './open-challenge';
import { reserveAttempt, settleAttempt, throttleKeys } from './attempt-throttle';
import { withActor } from '@/lib/dal/transaction';
import type { CodeStep } from './verify-sign-in-code';

const ended = { ok: false, reason: 'expired', delayMs: 0 } as const;

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
  return withActor(null, async ({ tx, audit, refused }) => {
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
      refused({ ...event, reason: 'locked' });
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
    refused({ ...event, reason: 'bad_code', details: { attempt: attempts } });
    auditLockouts(refused, settlement, userId, meta);
    return {
      ok: false,
      reason: settlement.lockedScopes.length > 0 ? 'locked' : exhausted ? 'expired' : 'bad_code',
      delayMs: settlement.delayMs,
    };
  });
}
