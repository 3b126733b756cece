import 'server-only';
import { and, eq, isNull, ne } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { sessions, signInChallenges } from '@/db/schema';
import { sessionRowId } from './session-token';

/**
 * Ends the user's sessions, all of them or all but the one whose token is `except`, and every sign-in still in progress
 * (so a password typed before a change cannot finish signing in after it). Returns how many sessions ended.
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
