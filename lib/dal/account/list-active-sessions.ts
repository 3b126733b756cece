import 'server-only';
import { and, desc, eq, gt, isNull } from 'drizzle-orm';
import { sessions } from '@/db/schema';
import { sha256Hex } from '@/lib/crypto/tokens';
import { sessionRowId } from '@/lib/dal/account/session-token';
import type { SessionUser } from './read-session-user';
import { withActor } from '@/lib/dal/transaction';

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
