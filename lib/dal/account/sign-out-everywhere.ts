import 'server-only';
import type { RequestMeta } from '@/lib/dal/audit';
import { endSessions } from '@/lib/dal/account/end-sessions';
import type { SessionUser } from './read-session-user';
import { withActor } from '@/lib/dal/transaction';

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
