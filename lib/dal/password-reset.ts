import 'server-only';
import { bindCredential } from './auth/bind-credential';
import { and, count, eq, gt, isNull, sql } from 'drizzle-orm';
import { passwordResetTokens, users } from '@/db/schema';
import { INVALID_RESET_LINK } from '@/lib/auth/messages';
import { hashPassword } from '@/lib/crypto/password';
import { randomToken, sha256Hex } from '@/lib/crypto/tokens';
import { invalid } from '@/lib/errors';
import type { RequestMeta } from './audit';
import { endSessions, setPasswordHash, voidResetLinks } from './credentials';
import { appOrigin, queueEmail } from './outbox';
import { clearAccountThrottle, normalizeEmail } from './throttle';
import { refuse, withActor } from './transaction';

/*
 * Password reset by emailed single-use link: 30 minutes, only the token's hash stored. Asking always gets
 * the same answer whether or not the address has an account; at most three links per account per hour.
 */

export const RESET_MINUTES = 30;
const MAX_LINKS_PER_HOUR = 3;

export async function requestPasswordReset(email: string, meta: RequestMeta, now = new Date()): Promise<void> {
  await withActor(null, async ({ tx, audit }) => {
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
      audit({ ...event, outcome: 'denied', reason: user ? 'disabled' : 'unknown_account' });
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
      audit({ ...event, outcome: 'denied', reason: 'rate_limited' });
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

/**
 * Sets the new password, once: the link is claimed under a lock. Every session of the account ends, sign-ins
 * in progress are void, other links die, and the account's throttling lock is lifted (the mailbox proved
 * the owner). Two-factor stays as it was: a reset link alone does not get past it.
 */
export async function resetPassword(
  token: string,
  password: string,
  meta: RequestMeta,
  now = new Date(),
): Promise<void> {
  const passwordHash = await hashPassword(password);
  await withActor(null, async ({ tx, audit }) => {
    await bindCredential(tx, { credential: sha256Hex(token) });
    const [link] = await tx
      .select({ id: passwordResetTokens.id, userId: passwordResetTokens.userId, email: users.email })
      .from(passwordResetTokens)
      .innerJoin(users, eq(users.id, passwordResetTokens.userId))
      .where(
        and(
          eq(passwordResetTokens.tokenHash, sha256Hex(token)),
          isNull(passwordResetTokens.usedAt),
          gt(passwordResetTokens.expiresAt, now),
          isNull(users.disabledAt),
        ),
      )
      .for('update', { of: passwordResetTokens });
    if (!link) {
      audit({
        actorId: null,
        action: 'auth.password_reset',
        targetType: 'user',
        outcome: 'denied',
        reason: 'invalid_link',
        meta,
      });
      return refuse(invalid(INVALID_RESET_LINK));
    }
    await setPasswordHash(tx, link.userId, passwordHash, now);
    const ended = await endSessions(tx, link.userId, now);
    await clearAccountThrottle(tx, link.email, now);
    // Last: the database lets this transaction act for the account only while its link is unused.
    await voidResetLinks(tx, link.userId, now);
    audit({
      actorId: link.userId,
      action: 'auth.password_reset',
      targetType: 'user',
      targetId: link.userId,
      outcome: 'allowed',
      details: { sessionsEnded: ended },
      meta,
    });
  });
}
