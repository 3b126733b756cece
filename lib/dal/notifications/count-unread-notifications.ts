import 'server-only';
import { and, count, eq, isNull } from 'drizzle-orm';
import { notifications } from '@/db/schema';
import type { Actor } from '@/lib/authz';
import { withActor } from '../transaction';

export async function countUnread(actor: Actor): Promise<number> {
  const [row] = await withActor(actor, ({ tx }) =>
    tx
      .select({ n: count() })
      .from(notifications)
      .where(and(eq(notifications.userId, actor.id), isNull(notifications.readAt))),
  );
  return Number(row?.n ?? 0);
}
