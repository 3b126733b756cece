import { sql } from 'drizzle-orm';
import { check, index, integer, pgPolicy, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { ReviewDecision } from '../../lib/vocabulary';
import { allowlistEntries, memberships } from './access';
import { clientAccounts, projects } from './clients';
import { appRole } from './roles';
import { users } from './users';

/*
 * Periodic access reviews (issue 15, docs/product.md §13): need-to-know means access that is still needed. Every
 * project's grants are reviewed on a schedule; the lead (or an admin) confirms, narrows or revokes each one, and what
 * is not confirmed by the end of the window expires by itself. The decision row is the act: a trigger (migration
 * 0025+) applies it to the grant, so the database, not only the application, decides what a review may change.
 */

/** One review of one project's access. At most one is open per project. */
export const accessReviews = pgTable(
  'access_reviews',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    /** The period whose activity the reviewer sees: since the previous review closed (or the project began). */
    periodStart: timestamp('period_start', { withTimezone: true }).notNull(),
    openedAt: timestamp('opened_at', { withTimezone: true }).notNull().defaultNow(),
    /** Null: opened by the schedule. */
    openedBy: uuid('opened_by').references(() => users.id),
    /** The end of the review window: unconfirmed grants expire then. */
    dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    /** Null while open, and when the window ended by itself. */
    closedBy: uuid('closed_by').references(() => users.id),
  },
  (t) => [
    uniqueIndex('access_reviews_one_open')
      .on(t.projectId)
      .where(sql`${t.closedAt} is null`),
    index('access_reviews_project_idx').on(t.projectId, t.openedAt),
    check('access_reviews_window', sql`${t.dueAt} > ${t.openedAt}`),
    // Reviews are seen by admins, the project's active lead, and the owning client ("when was access last reviewed").
    pgPolicy('access_reviews_view', {
      for: 'select',
      to: appRole,
      using: sql`(select app_is_admin()) or app_active_lead_of(project_id) or app_owner_client_of(project_id)`,
    }),
    // Opened by an admin (scheduled work acts as one) or the lead; closed (early, or at the window's end) likewise.
    pgPolicy('access_reviews_open', {
      for: 'insert',
      to: appRole,
      withCheck: sql`(select app_is_admin()) or app_active_lead_of(project_id)`,
    }),
    // An admin ends a review at any time (what is unconfirmed expires through decisions first); the lead closes it only
    // once every grant in force is decided, so closing can never skip the expiry. Only closed_at and closed_by change
    // (the access_reviews_guard trigger, migration 0034).
    pgPolicy('access_reviews_close', {
      for: 'update',
      to: appRole,
      using: sql`closed_at is null and ((select app_is_admin()) or app_active_lead_of(project_id))`,
      withCheck: sql`(select app_is_admin()) or (app_active_lead_of(project_id) and app_review_undecided(id) = 0)`,
    }),
  ],
);

/** One decision on one grant in a review: a project membership or a high-risk allowlist entry. */
export const accessReviewDecisions = pgTable(
  'access_review_decisions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    reviewId: uuid('review_id')
      .notNull()
      .references(() => accessReviews.id, { onDelete: 'cascade' }),
    membershipId: uuid('membership_id').references(() => memberships.id, { onDelete: 'cascade' }),
    allowlistEntryId: uuid('allowlist_entry_id').references(() => allowlistEntries.id, { onDelete: 'cascade' }),
    /** confirmed | narrowed (a membership's scopes cut down) | revoked | expired (not confirmed in time). */
    decision: text('decision').$type<ReviewDecision>().notNull(),
    /** For `narrowed`: the scopes kept (a subset of the ones held). */
    scopesAfter: text('scopes_after').array(),
    /** Null for `expired`: nobody decided, the window ended. */
    decidedBy: uuid('decided_by').references(() => users.id),
    decidedAt: timestamp('decided_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('access_review_decisions_membership')
      .on(t.reviewId, t.membershipId)
      .where(sql`${t.membershipId} is not null`),
    uniqueIndex('access_review_decisions_allowlist')
      .on(t.reviewId, t.allowlistEntryId)
      .where(sql`${t.allowlistEntryId} is not null`),
    check('access_review_decisions_one_grant', sql`num_nonnulls(${t.membershipId}, ${t.allowlistEntryId}) = 1`),
    check('access_review_decisions_kind', sql`${t.decision} in ('confirmed', 'narrowed', 'revoked', 'expired')`),
    check(
      'access_review_decisions_shape',
      sql`(${t.decision} = 'narrowed') = (${t.scopesAfter} is not null) and (${t.decision} = 'expired') = (${t.decidedBy} is null)
        and (${t.decision} <> 'narrowed' or ${t.membershipId} is not null)`,
    ),
    pgPolicy('access_review_decisions_view', {
      for: 'select',
      to: appRole,
      using: sql`exists (select 1 from access_reviews r where r.id = review_id)`,
    }),
    // Who may decide is restated by app_may_decide_review (the reviewer of an open review, never on their own grant);
    // what a decision does to the grant is applied by the access_review_decisions_apply trigger.
    pgPolicy('access_review_decisions_decide', {
      for: 'insert',
      to: appRole,
      withCheck: sql`app_may_decide_review(review_id, membership_id, allowlist_entry_id, decision, decided_by)`,
    }),
  ],
);

/** A client's own review schedule: at most the agency's default (90 days), shorter if the client asks. */
export const reviewSchedules = pgTable(
  'review_schedules',
  {
    clientAccountId: uuid('client_account_id')
      .primaryKey()
      .references(() => clientAccounts.id, { onDelete: 'cascade' }),
    intervalDays: integer('interval_days').notNull(),
    updatedBy: uuid('updated_by').references(() => users.id),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('review_schedules_interval', sql`${t.intervalDays} between 7 and 90`),
    pgPolicy('review_schedules_view', {
      for: 'select',
      to: appRole,
      using: sql`(select app_is_admin()) or app_client_member_of(client_account_id)
        or exists (select 1 from projects p where p.client_account_id = review_schedules.client_account_id and app_active_lead_of(p.id))`,
    }),
    pgPolicy('review_schedules_set', {
      for: 'insert',
      to: appRole,
      withCheck: sql`app_client_member_of(client_account_id) and updated_by = (select app_user_id())`,
    }),
    pgPolicy('review_schedules_change', {
      for: 'update',
      to: appRole,
      using: sql`app_client_member_of(client_account_id)`,
      withCheck: sql`app_client_member_of(client_account_id) and updated_by = (select app_user_id())`,
    }),
  ],
);
