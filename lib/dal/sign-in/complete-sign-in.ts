import 'server-only';
import { bindCredential } from '@/lib/dal/account/bind-credential';
import { and, eq, gt, isNotNull, isNull } from 'drizzle-orm';
import { signInChallenges, users } from '@/db/schema';
import { requiresTwoFactor } from '@/lib/authz';
import { sha256Hex } from '@/lib/crypto/tokens';
import type { RequestMeta } from '@/lib/dal/audit';
import { openSession } from '@/lib/dal/account/open-session';
import { hasActiveSecret } from '@/lib/dal/account/second-factor-secrets';
import { withActor } from '@/lib/dal/transaction';

/** Step 3, for Auth.js: a verified challenge becomes a session, once. */
export async function completeSignIn(
  token: string,
  meta: RequestMeta,
  now = new Date(),
): Promise<{ userId: string; sessionId: string } | null> {
  return withActor(null, async ({ tx, audit }) => {
    await bindCredential(tx, { credential: sha256Hex(token) });
    const [challenge] = await tx
      .select({
        id: signInChallenges.id,
        userId: signInChallenges.userId,
        method: signInChallenges.method,
        role: users.role,
      })
      .from(signInChallenges)
      .innerJoin(users, eq(users.id, signInChallenges.userId))
      .where(
        and(
          eq(signInChallenges.tokenHash, sha256Hex(token)),
          isNotNull(signInChallenges.verifiedAt),
          isNull(signInChallenges.consumedAt),
          gt(signInChallenges.expiresAt, now),
          isNull(users.disabledAt),
        ),
      )
      .for('update', { of: signInChallenges });
    if (!challenge) return null;
    // Defence in depth: an account that must have two-factor gets no session without it.
    if (requiresTwoFactor(challenge.role) && !(await hasActiveSecret(tx, challenge.userId))) return null;
    // The session is opened while the challenge is still open: the database lets a transaction with no acting
    // user open a session only for the account whose open challenge it holds.
    const sessionId = await openSession(tx, challenge.userId, meta, now);
    await tx.update(signInChallenges).set({ consumedAt: now }).where(eq(signInChallenges.id, challenge.id));
    const { userId } = challenge;
    audit({
      actorId: userId,
      action: 'auth.sign_in',
      targetType: 'user',
      targetId: userId,
      outcome: 'allowed',
      details: { secondFactor: challenge.method },
      meta,
    });
    return { userId, sessionId };
  });
}
