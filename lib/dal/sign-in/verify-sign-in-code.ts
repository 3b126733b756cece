import 'server-only';
import { eq } from 'drizzle-orm';
import { signInChallenges } from '@/db/schema';
import type { RequestMeta } from '@/lib/dal/audit';
import { checkSecondFactor } from '@/lib/dal/account/second-factor-secrets';
import { auditLockouts } from './audit-lockouts';
import { CHALLENGE_MAX_ATTEMPTS, openChallenge } from './open-challenge';
import { reserveAttempt, settleAttempt, throttleKeys } from './attempt-throttle';
import { withActor } from '@/lib/dal/transaction';

/*
 * Step 2 of signing in (see lib/dal/sign-in/open-challenge.ts): the code of an enrolled account, or the enrolment of an
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
  return withActor(null, async ({ tx, audit, refused }) => {
    const challenge = await openChallenge(tx, token, 'verify', now);
    if (!challenge) return ended;
    const { userId } = challenge;
    const event = { actorId: userId, action: 'auth.two_factor', targetType: 'user', targetId: userId, meta } as const;
    const keys = throttleKeys(challenge.email, meta.ip);
    if (!(await reserveAttempt(tx, keys, now)).allowed) {
      refused({ ...event, reason: 'locked' });
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
    refused({ ...event, reason: result.reason, details: { attempt: attempts } });
    auditLockouts(refused, settlement, userId, meta);
    const reason = settlement.lockedScopes.length > 0 ? 'locked' : exhausted ? 'expired' : 'bad_code';
    return { ok: false, reason, delayMs: settlement.delayMs };
  });
}
