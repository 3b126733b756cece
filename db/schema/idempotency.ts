import { sql } from 'drizzle-orm';
import { check, jsonb, pgPolicy, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './users';
import { appRole } from './roles';

/**
 * One row per create submitted with an idempotency key (a hidden field made per form render): a retried
 * submission finds the row and gets the first answer back instead of creating a duplicate. The claim is
 * written inside the create's first transaction, so it commits with it; `result` is the answer the form got
 * (its message, ids or redirect), never what the user typed. Row-level security: each actor sees only their own.
 */
export const idempotentSubmissions = pgTable(
  'idempotent_submissions',
  {
    actorId: uuid('actor_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    key: text('key').notNull(),
    result: jsonb('result'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.actorId, t.key] }),
    check('idempotent_submissions_key_format', sql`${t.key} ~ '^[A-Za-z0-9_-]{16,64}$'`),
    pgPolicy('idempotent_submissions_own', {
      for: 'all',
      to: appRole,
      using: sql`actor_id = (select app_user_id())`,
      withCheck: sql`actor_id = (select app_user_id())`,
    }),
  ],
);
