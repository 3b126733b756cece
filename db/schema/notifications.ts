import { sql } from 'drizzle-orm';
import { index, pgPolicy, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './users';
import { appRole } from './roles';

/**
 * In-app notifications, written for one recipient at the time of the event: the text already names the
 * project the way that recipient may see it (codename unless they hold its identity), items and people by
 * reference.
 */
export const notifications = pgTable(
  'notifications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    /**
     * The people the text names: it holds a token for each (lib/notifications/mentions.ts), filled in with
     * their name when read, so erasing a person changes no one else's text.
     */
    people: uuid('people')
      .array()
      .notNull()
      .default(sql`'{}'::uuid[]`),
    /** Where the recipient can act on it, inside the portal. */
    href: text('href'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    readAt: timestamp('read_at', { withTimezone: true }),
  },
  (t) => [
    index('notifications_user_idx').on(t.userId, t.createdAt),
    index('notifications_unread_idx')
      .on(t.userId)
      .where(sql`${t.readAt} is null`),
    // Read and marked read by the recipient only; erased by the recipient or an administrator. No policy inserts:
    // notifications are sent only through the definer app_send_notification (db/functions.sql).
    pgPolicy('notifications_own', { for: 'select', to: appRole, using: sql`user_id = (select app_user_id())` }),
    pgPolicy('notifications_read', {
      for: 'update',
      to: appRole,
      using: sql`user_id = (select app_user_id())`,
      withCheck: sql`user_id = (select app_user_id())`,
    }),
    pgPolicy('notifications_erase', {
      for: 'delete',
      to: appRole,
      using: sql`user_id = (select app_user_id()) or (select app_is_admin())`,
    }),
  ],
);
