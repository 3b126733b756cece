import 'server-only';
import { and, desc, eq, gt, isNull } from 'drizzle-orm';
import { sessions, users } from '@/db/schema';
import { TOO_MANY_ATTEMPTS, WRONG_PASSWORD } from '@/lib/auth/messages';
import { hashPassword } from '@/lib/crypto/password';
import { sha256Hex } from '@/lib/crypto/tokens';
import { invalid } from '@/lib/errors';
import type { RequestMeta } from './audit';
import { endSessions, sessionRowId, setPasswordHash, voidResetLinks } from './credentials';
import { confirmIdentity } from './reauthenticate';
import type { SessionUser } from './session';
import { withActor } from './transaction';

/** A signed-in user's own sessions and password (the account page). */

/** `id` is a digest for React keys: the session id is the bearer credential and never leaves lib/. */
export type ActiveSession = {
  id: string;
  createdAt: Date;
  ip: string | null;
  userAgent: string | null;
  current: boolean;
};

export async function listActiveSessions(user: SessionUser, now = new Date()): Promise<ActiveSession[]> {
  const rows = await withActor(user, ({ tx }) =>
    tx
      .select({ id: sessions.id, createdAt: sessions.createdAt, ip: sessions.ip, userAgent: sessions.userAgent })
      .from(sessions)
      .where(and(eq(sessions.userId, user.id), isNull(sessions.revokedAt), gt(sessions.expiresAt, now)))
      .orderBy(desc(sessions.createdAt)),
  );
  return rows.map((r) => ({
    id: sha256Hex(r.id).slice(0, 16),
    createdAt: r.createdAt,
    ip: r.ip,
    userAgent: r.userAgent,
    current: r.id === sessionRowId(user.sessionId),
  }));
}

/** Ends every session of the user, this one included. */
export async function signOutEverywhere(user: SessionUser, meta: RequestMeta, now = new Date()): Promise<number> {
  return withActor(user, async ({ tx, audit }) => {
    const count = await endSessions(tx, user.id, now);
    audit({
      actorId: user.id,
      action: 'auth.sign_out_everywhere',
      targetType: 'user',
      targetId: user.id,
      outcome: 'allowed',
      details: { sessions: count },
      meta,
    });
    return count;
  });
}

/** Changes the password after checking the current one; every other session ends. */
export async function changePassword(
  user: SessionUser,
  input: { currentPassword: string; newPassword: string },
  meta: RequestMeta,
  now = new Date(),
): Promise<void> {
  const identity = await confirmIdentity(
    user,
    input.currentPassword,
    { accept: 'password', purpose: 'password_change' },
    meta,
    now,
  );
  if (identity === 'locked') throw invalid(TOO_MANY_ATTEMPTS);
  if (identity === 'wrong') throw invalid(WRONG_PASSWORD, { currentPassword: [WRONG_PASSWORD] });
  const passwordHash = await hashPassword(input.newPassword);
  await withActor(user, async ({ tx, audit }) => {
    await setPasswordHash(tx, user.id, passwordHash, now);
    const ended = await endSessions(tx, user.id, now, user.sessionId);
    await voidResetLinks(tx, user.id, now);
    audit({
      actorId: user.id,
      action: 'auth.password_change',
      targetType: 'user',
      targetId: user.id,
      outcome: 'allowed',
      details: { otherSessionsEnded: ended },
      meta,
    });
  });
}
