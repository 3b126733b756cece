import 'server-only';
import { desc, eq } from 'drizzle-orm';
import { notifications } from '@/db/schema';
import type { Actor } from '@/lib/authz';
import { withActor } from '../transaction';
import { renderMessages } from './names';

export type NotificationView = {
  id: string;
  kind: string;
  title: string;
  body: string;
  href: string | null;
  createdAt: Date;
  read: boolean;
};

/** The signed-in person's own notifications (row-level security shows no one else's), people named as they are now. */
export async function listNotifications(actor: Actor, limit = 100): Promise<NotificationView[]> {
  const rows = await withActor(actor, async ({ tx }) => {
    const stored = await tx
      .select({
        id: notifications.id,
        kind: notifications.kind,
        title: notifications.title,
        body: notifications.body,
        people: notifications.people,
        href: notifications.href,
        createdAt: notifications.createdAt,
        readAt: notifications.readAt,
      })
      .from(notifications)
      .where(eq(notifications.userId, actor.id))
      .orderBy(desc(notifications.createdAt))
      .limit(limit);
    return renderMessages(tx, stored, ['title', 'body'] as const);
  });
  return rows.map(({ readAt, people: _people, ...r }) => ({ ...r, read: readAt !== null }));
}
