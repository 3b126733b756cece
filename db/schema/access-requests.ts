import { sql } from 'drizzle-orm';
import { index, pgPolicy, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { accessRequestKind, accessRequestStatus } from './enums';
import { items } from './items';
import { projects } from './clients';
import { users } from './users';
import { appRole } from './roles';

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
    scopes: text('scopes')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
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
    // Asked by an agency person as themselves, open, for a project whose client their NDA covers; seen by the
    // requester and administrators; decided by administrators.
    pgPolicy('access_requests_view', {
      for: 'select',
      to: appRole,
      using: sql`requester_id = (select app_user_id()) or (select app_is_admin())`,
    }),
    pgPolicy('access_requests_create', {
      for: 'insert',
      to: appRole,
      withCheck: sql`requester_id = (select app_user_id()) and (select app_user_role()) in ('admin', 'staff', 'contractor')
        and app_nda_covers_project(project_id) and status = 'open' and decided_by is null`,
    }),
    pgPolicy('access_requests_decide', {
      for: 'update',
      to: appRole,
      using: sql`(select app_is_admin())`,
      withCheck: sql`(select app_is_admin())`,
    }),
  ],
);
