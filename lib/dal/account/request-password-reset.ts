import 'server-only';
import { bindCredential } from './bind-credential';
import { and, count, eq, gt, sql } from 'drizzle-orm';
import { passwordResetTokens, users } from '@/db/schema';
import { randomToken, sha256Hex } from '@/lib/crypto/tokens';
import type { RequestMeta } from '@/lib/dal/audit';
import { appOrigin } from '@/lib/dal/outbox/read-app-origin';
import { queueEmail } from '@/lib/dal/outbox/queue-email';
import { normalizeEmail } from '@/lib/dal/sign-in/attempt-throttle';
import { withActor } from '@/lib/dal/transaction';

/*
 * Password reset by emailed single-use link: 30 minutes, only the token's hash stored. Asking always gets
 * the same answer whether or not the address has an account; at most three links per account per hour.
 */

export const RESET_MINUTES = 30;
const MAX_LINKS_PER_HOUR = 3;

export async function requestPasswordReset(email: string, meta: RequestMeta, now = new Date()): Promise<void> {
  await withActor(null, async ({ tx, audit, refused }) => {
    await bindCredential(tx, { email });
    const [user] = await tx
      .select({ id: users.id, email: users.email, name: users.name, disabledAt: users.disabledAt })
      .from(users)
      .where(eq(sql`lower(${users.email})`, normalizeEmail(email)));
    const event = {
      actorId: user?.id ?? null,
      action: 'auth.password_reset_request',
      targetType: 'user',
      targetId: user?.id ?? null,
      meta,
    } as const;
    if (!user || user.disabledAt) {
      refused({ ...event, reason: user ? 'disabled' : 'unknown_account' });
      return;
    }
    const [recent] = await tx
      .select({ n: count() })
      .from(passwordResetTokens)
      .where(
        and(
          eq(passwordResetTokens.userId, user.id),
          gt(passwordResetTokens.createdAt, new Date(now.getTime() - 3600_000)),
        ),
      );
    if (Number(recent?.n ?? 0) >= MAX_LINKS_PER_HOUR) {
      refused({ ...event, reason: 'rate_limited' });
      return;
    }
    const token = randomToken();
    await tx.insert(passwordResetTokens).values({
      userId: user.id,
      tokenHash: sha256Hex(token),
      expiresAt: new Date(now.getTime() + RESET_MINUTES * 60_000),
      ip: meta.ip,
      createdAt: now,
    });
    await queueEmail(tx, {
      to: user.email,
      subject: 'Set a new password for Clearance',
      text: [
        `Hello ${user.name},`,
        '',
        'Someone (we hope you) asked to set a new password for your Clearance account. Open this link within',
        `${RESET_MINUTES} minutes to choose one; it works once:`,
        '',
        `${appOrigin()}/sign-in/reset/${token}`,
        '',
        'If you did not ask, ignore this email: your password stays as it is.',
      ].join('\n'),
    });
    audit({ ...event, outcome: 'allowed' });
  });
}
