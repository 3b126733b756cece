import 'server-only';
import { and, eq, inArray, isNull } from 'drizzle-orm';
import { notifications } from '@/db/schema';
import type { Actor } from '@/lib/authz';
import { withActor } from '../transaction';

/** Marks some (or, without ids, all) of the person's notifications read. */
export async function markNotificationsRead(
  actor: Actor,
  ids: readonly string[] | 'all',
  now = new Date(),
): Promise<number> {
  return withActor(actor, async ({ tx }) => {
    const rows = await tx
      .update(notifications)
      .set({ readAt: now })
      .where(
        and(
          eq(notifications.userId, actor.id),
          isNull(notifications.readAt),
          ids === 'all' ? undefined : inArray(notifications.id, [...ids]),
        ),
      )
      .returning({ id: notifications.id });
    return rows.length;
  });
}
