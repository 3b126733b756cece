import 'server-only';
import { bindCredential } from './bind-credential';
import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import { redirect } from 'next/navigation';
import { cache } from 'react';
import { auth } from '@/auth';
import { clientAccountMembers, sessions, users } from '@/db/schema';
import type { Actor } from '@/lib/authz';
import { sessionRowId } from '@/lib/dal/account/session-token';
import { withActor } from '@/lib/dal/transaction';
import { noteActor } from '@/lib/log/request-context';

/** `sessionId`: the token the request's cookie carries (the row's id is its SHA-256, see credentials.ts). */
export type SessionUser = Actor & { name: string; email: string; sessionId: string };

/** The session is re-checked against the database on every request: revoked sessions and disabled users end here. */
export async function loadSessionUser(sessionToken: string): Promise<SessionUser | null> {
  const [row] = await withActor(null, async ({ tx }) => {
    await bindCredential(tx, { credential: sessionRowId(sessionToken) });
    return tx
      .select({
        id: users.id,
        name: users.name,
        email: users.email,
        role: users.role,
        clientAccountIds: sql<string[] | null>`(select array_agg(${clientAccountMembers.clientAccountId}::text)
        from ${clientAccountMembers} where ${clientAccountMembers.userId} = ${users.id})`,
      })
      .from(sessions)
      .innerJoin(users, eq(users.id, sessions.userId))
      .where(
        and(
          eq(sessions.id, sessionRowId(sessionToken)),
          isNull(sessions.revokedAt),
          gt(sessions.expiresAt, sql`now()`),
          isNull(users.disabledAt),
        ),
      );
  });
  if (!row) return null;
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    role: row.role,
    disabled: false,
    clientAccountIds: row.clientAccountIds ?? [],
    sessionId: sessionToken,
  };
}

/** The signed-in user of this request, or null. Cached per request. */
export const getSessionUser = cache(async (): Promise<SessionUser | null> => {
  const session = await auth();
  const sessionId = (session as { sessionId?: unknown } | null)?.sessionId;
  if (typeof sessionId !== 'string' || sessionId.length === 0) return null;
  const user = await loadSessionUser(sessionId);
  if (user) noteActor(user.id); // this request's log line names the actor by id
  return user;
});

/** For pages: the signed-in user, or a redirect to sign in. */
export async function requireSessionUser(): Promise<SessionUser> {
  const user = await getSessionUser();
  if (!user) redirect('/sign-in');
  return user;
}
