import { sql } from 'drizzle-orm';
import { boolean, check, integer, pgPolicy, pgTable, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './users';
import { appRole } from './roles';

/** The default longest contractor grant (docs/product.md §4: default one year), used until an admin sets another. */
export const DEFAULT_CONTRACTOR_MAX_DAYS = 365;

/** Agency-wide settings an admin changes: one row (`id` is always true). */
export const agencySettings = pgTable(
  'agency_settings',
  {
    id: boolean('id').primaryKey().default(true),
    /** A contractor's membership or allowlist grant ends at most this many days after it is granted. */
    contractorMaxDays: integer('contractor_max_days').notNull().default(DEFAULT_CONTRACTOR_MAX_DAYS),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    updatedBy: uuid('updated_by').references(() => users.id),
  },
  (t) => [
    check('agency_settings_single_row', sql`${t.id}`),
    check('agency_settings_contractor_max_days', sql`${t.contractorMaxDays} between 1 and 3650`),
    // Read by anyone (they hold no confidential data); written by an administrator as themselves.
    pgPolicy('agency_settings_view', { for: 'select', to: appRole, using: sql`true` }),
    pgPolicy('agency_settings_insert', {
      for: 'insert',
      to: appRole,
      withCheck: sql`(select app_is_admin()) and updated_by = (select app_user_id())`,
    }),
    pgPolicy('agency_settings_update', {
      for: 'update',
      to: appRole,
      using: sql`(select app_is_admin())`,
      withCheck: sql`(select app_is_admin()) and updated_by = (select app_user_id())`,
    }),
  ],
);
