import 'server-only';
import { bindCredential } from './bind-credential';
import { eq } from 'drizzle-orm';
import { sessions } from '@/db/schema';
import type { RequestMeta } from '../audit';
import { withActor } from '../transaction';
import { sessionRowId } from './session-token';

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
