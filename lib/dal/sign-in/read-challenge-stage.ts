import 'server-only';
import { bindCredential } from '@/lib/dal/account/bind-credential';
import { and, eq, gt, isNull } from 'drizzle-orm';
import { signInChallenges } from '@/db/schema';
import { sha256Hex } from '@/lib/crypto/tokens';
import { withActor } from '@/lib/dal/transaction';
import type { SecondFactorStep } from './open-challenge';

/** Where a challenge stands: awaiting a code, awaiting enrolment, ready for a session, or gone. */
export async function challengeStage(token: string, now = new Date()): Promise<SecondFactorStep | 'ready' | null> {
  const [row] = await withActor(null, async ({ tx }) => {
    await bindCredential(tx, { credential: sha256Hex(token) });
    return tx
      .select({ step: signInChallenges.secondFactor, verifiedAt: signInChallenges.verifiedAt })
      .from(signInChallenges)
      .where(
        and(
          eq(signInChallenges.tokenHash, sha256Hex(token)),
          isNull(signInChallenges.consumedAt),
          gt(signInChallenges.expiresAt, now),
        ),
      );
  });
  if (!row) return null;
  return row.verifiedAt ? 'ready' : row.step;
}
