import { sql } from 'drizzle-orm';
import { index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { accessRequestKind, accessRequestStatus } from './enums';
import { items } from './items';
import { projects } from './clients';
import { users } from './users';

/** A staff member or contractor asks for membership of a project, or for one high-risk item; an admin decides. */
export const accessRequests = pgTable(
  'access_requests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    requesterId: uuid('requester_id')
      .notNull()
      .references(() => users.id),
    kind: accessRequestKind('kind').notNull(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id),
    itemId: uuid('item_id').references(() => items.id),
    /** For a membership request: the scopes asked for. */
    scopes: text('scopes').array().notNull().default(sql`'{}'::text[]`),
    reason: text('reason').notNull(),
    status: accessRequestStatus('status').notNull().default('open'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    decidedBy: uuid('decided_by').references(() => users.id),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    decisionReason: text('decision_reason'),
  },
  (t) => [
    index('access_requests_status_idx').on(t.status, t.createdAt),
    index('access_requests_requester_idx').on(t.requesterId, t.createdAt),
  ],
);
