import 'server-only';
import { eq, sql } from 'drizzle-orm';
import { sessions, users } from '@/db/schema';
import { randomToken } from '@/lib/crypto/tokens';
import { verifyPassword } from '@/lib/crypto/password';
import type { RequestMeta } from './audit';
import { withActor } from './transaction';

export const SESSION_HOURS = 12;

/**
 * Checks an email and password and opens a server-side session. Any failure is one answer (null), whether
 * the account is unknown, disabled or the password wrong; the audit log keeps the real reason.
 */
export async function signInWithPassword(
  email: string,
  password: string,
  meta: RequestMeta,
): Promise<{ userId: string; sessionId: string } | null> {
  const [user] = await withActor(null, ({ tx }) => tx
    .select({ id: users.id, passwordHash: users.passwordHash, disabledAt: users.disabledAt })
    .from(users)
    .where(eq(sql`lower(${users.email})`, email.trim().toLowerCase())));
  const passwordOk = await verifyPassword(user?.passwordHash ?? null, password);
  const reason = !user ? 'unknown_account' : !user.passwordHash ? 'no_password' : user.disabledAt ? 'disabled' : !passwordOk ? 'bad_password' : null;
  return withActor(null, async ({ tx, audit }) => {
    if (!user || reason) {
      audit({
        actorId: user?.id ?? null,
        action: 'auth.sign_in',
        targetType: 'user',
        targetId: user?.id ?? null,
        outcome: 'denied',
        reason,
        meta,
      });
      return null;
    }
    const sessionId = randomToken();
    await tx.insert(sessions).values({
      id: sessionId,
      userId: user.id,
      expiresAt: new Date(Date.now() + SESSION_HOURS * 3600_000),
      ip: meta.ip,
      userAgent: meta.userAgent?.slice(0, 512) ?? null,
    });
    audit({ actorId: user.id, action: 'auth.sign_in', targetType: 'user', targetId: user.id, outcome: 'allowed', meta });
    return { userId: user.id, sessionId };
  });
}

export async function endSession(sessionId: string, userId: string, meta: RequestMeta): Promise<void> {
  await withActor(null, async ({ tx, audit }) => {
    await tx.update(sessions).set({ revokedAt: new Date() }).where(eq(sessions.id, sessionId));
    audit({ actorId: userId, action: 'auth.sign_out', targetType: 'user', targetId: userId, outcome: 'allowed', meta });
  });
}
