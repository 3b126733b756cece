import 'server-only';
import { bindCredential } from '@/lib/dal/account/bind-credential';
import { and, eq, isNull, ne } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { passwordResetTokens, sessions, signInChallenges, userPasswords, users } from '@/db/schema';
import { randomToken, sha256Hex } from '@/lib/crypto/tokens';
import type { RequestMeta } from './audit';
import { withActor } from './transaction';

/**
 * Server-side sessions: the Auth.js cookie carries a random token and the row's id is its SHA-256, so ending a row
 * ends the session and nothing stored can be replayed as one.
 */

export const SESSION_HOURS = 12;

/** Opens a session and returns its token, for the cookie only. */
export async function openSession(tx: Tx, userId: string, meta: RequestMeta, now: Date): Promise<string> {
  const token = randomToken();
  await tx.insert(sessions).values({
    id: sessionRowId(token),
    userId,
    createdAt: now,
    expiresAt: new Date(now.getTime() + SESSION_HOURS * 3600_000),
    ip: meta.ip,
    userAgent: meta.userAgent?.slice(0, 512) ?? null,
  });
  return token;
}

/**
 * Sets an account's password (its argon2 hash, in user_passwords: apart from the people directory every signed-in
 * user reads). The account's own row is touched too, so a sign-in that locked it orders against the change.
 */
export async function setPasswordHash(tx: Tx, userId: string, passwordHash: string, now: Date): Promise<void> {
  await tx
    .insert(userPasswords)
    .values({ userId, passwordHash, updatedAt: now })
    .onConflictDoUpdate({ target: userPasswords.userId, set: { passwordHash, updatedAt: now } });
  await tx.update(users).set({ updatedAt: now }).where(eq(users.id, userId));
}

/** The row id of the session a cookie's token opens. */
export const sessionRowId = (token: string): string => sha256Hex(token);

/**
 * Ends the user's sessions, all of them or all but the one whose token is `except`, and every sign-in still in progress (so a
 * password typed before a change cannot finish signing in after it). Returns how many sessions ended.
 */
export async function endSessions(tx: Tx, userId: string, now: Date, except?: string): Promise<number> {
  const ended = await tx
    .update(sessions)
    .set({ revokedAt: now })
    .where(
      and(
        eq(sessions.userId, userId),
        isNull(sessions.revokedAt),
        except ? ne(sessions.id, sessionRowId(except)) : undefined,
      ),
    )
    .returning({ id: sessions.id });
  await tx
    .update(signInChallenges)
    .set({ consumedAt: now })
    .where(and(eq(signInChallenges.userId, userId), isNull(signInChallenges.consumedAt)));
  return ended.length;
}

/** After a password change or reset, no older reset link may set it again. */
export async function voidResetLinks(tx: Tx, userId: string, now: Date): Promise<void> {
  await tx
    .update(passwordResetTokens)
    .set({ usedAt: now })
    .where(and(eq(passwordResetTokens.userId, userId), isNull(passwordResetTokens.usedAt)));
}

export async function endSession(sessionToken: string, userId: string, meta: RequestMeta): Promise<void> {
  await withActor(null, async ({ tx, audit }) => {
    await bindCredential(tx, { credential: sessionRowId(sessionToken) });
    await tx
      .update(sessions)
      .set({ revokedAt: new Date() })
      .where(eq(sessions.id, sessionRowId(sessionToken)));
    audit({ actorId: userId, action: 'auth.sign_out', targetType: 'user', targetId: userId, outcome: 'allowed', meta });
  });
}
