import 'server-only';
import { bindCredential } from './bind-credential';
import { and, eq, gt, isNull } from 'drizzle-orm';
import { passwordResetTokens, users } from '@/db/schema';
import { sha256Hex } from '@/lib/crypto/tokens';
import { withActor } from '@/lib/dal/transaction';

/** Whether a reset link is still good (for the page; one answer for unknown, used and expired). */
export async function isOpenResetLink(token: string, now = new Date()): Promise<boolean> {
  const [row] = await withActor(null, async ({ tx }) => {
    await bindCredential(tx, { credential: sha256Hex(token) });
    return tx
      .select({ id: passwordResetTokens.id })
      .from(passwordResetTokens)
      .innerJoin(users, eq(users.id, passwordResetTokens.userId))
      .where(
        and(
          eq(passwordResetTokens.tokenHash, sha256Hex(token)),
          isNull(passwordResetTokens.usedAt),
          gt(passwordResetTokens.expiresAt, now),
          isNull(users.disabledAt),
        ),
      );
  });
  return Boolean(row);
}
