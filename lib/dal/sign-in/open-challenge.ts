import 'server-only';
import { bindCredential } from '@/lib/dal/account/bind-credential';
import { and, eq, gt, isNull } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { signInChallenges, users } from '@/db/schema';
import { sha256Hex } from '@/lib/crypto/tokens';

/*
 * Signing in, in steps that open no session until the last:
 *   1. beginSignIn (begin-sign-in.ts): email and password (throttled). A correct password yields a sign-in challenge, a
 * random      token the browser keeps in an httpOnly cookie (only its hash is stored), valid five minutes. It is
 *      already verified when the account needs no second factor.
 *   2. verifySignInCode (or confirmSignInEnrolment, lib/dal/sign-in/confirm-sign-in-enrolment.ts): the second factor
 *      verifies the challenge; a few wrong codes end it.
 *   3. completeSignIn (complete-sign-in.ts), called by Auth.js authorize(): consumes a verified challenge and opens the
 * session.
 */

export const CHALLENGE_MINUTES = 5;
export const CHALLENGE_MAX_ATTEMPTS = 5;

export type SecondFactorStep = 'none' | 'verify' | 'enrol';
/** An open challenge by token, locked for update: unexpired, not consumed, in the given step. */
export async function openChallenge(tx: Tx, token: string, step: 'verify' | 'enrol', now: Date) {
  await bindCredential(tx, { credential: sha256Hex(token) });
  const [row] = await tx
    .select({
      id: signInChallenges.id,
      userId: signInChallenges.userId,
      attempts: signInChallenges.attempts,
      email: users.email,
    })
    .from(signInChallenges)
    .innerJoin(users, eq(users.id, signInChallenges.userId))
    .where(
      and(
        eq(signInChallenges.tokenHash, sha256Hex(token)),
        eq(signInChallenges.secondFactor, step),
        isNull(signInChallenges.verifiedAt),
        isNull(signInChallenges.consumedAt),
        gt(signInChallenges.expiresAt, now),
        isNull(users.disabledAt),
      ),
    )
    .for('update', { of: signInChallenges });
  return row ?? null;
}
