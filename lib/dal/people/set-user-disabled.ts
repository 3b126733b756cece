import 'server-only';
import { and, eq, isNull } from 'drizzle-orm';
import { sessions, users } from '@/db/schema';
import type { Actor } from '@/lib/authz';
import { invalid, notFoundError } from '@/lib/errors';
import type { RequestMeta } from '../audit';
import { assertAllowed } from '../guard';
import { withActor } from '../transaction';

/** Disables (ending every session at once) or re-enables an account; never one's own. */
export async function setUserDisabled(
  actor: Actor,
  input: { userId: string; disabled: boolean },
  meta: RequestMeta,
): Promise<void> {
  assertAllowed(actor, 'user.disable');
  if (input.userId === actor.id) throw invalid('You cannot disable your own account.');
  await withActor(
    actor,
    async ({ tx, audit }) => {
      const [user] = await tx
        .update(users)
        .set({ disabledAt: input.disabled ? new Date() : null, updatedAt: new Date() })
        .where(eq(users.id, input.userId))
        .returning({ id: users.id });
      if (!user) throw notFoundError();
      // Disabling ends every session at once; the session check refuses disabled users anyway.
      if (input.disabled)
        await tx
          .update(sessions)
          .set({ revokedAt: new Date() })
          .where(and(eq(sessions.userId, user.id), isNull(sessions.revokedAt)));
      audit({
        actorId: actor.id,
        action: input.disabled ? 'user.disable' : 'user.enable',
        targetType: 'user',
        targetId: user.id,
        outcome: 'allowed',
        meta,
      });
    },
    { meta },
  );
}
