import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, pgEnum, pgPolicy, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { RETENTION_PERIOD_UNITS, RETENTION_RULE_KEYS } from '../../lib/vocabulary';
import { clientAccounts, projects } from './clients';
import { users } from './users';
import { appRole } from './roles';

/*
 * Retention rules an administrator can read and change, and legal holds that stop every rule for a client
 * account or a project. Runs are recorded in the audit log (action `retention.run`), not here.
 */

export const retentionRuleKey = pgEnum('retention_rule_key', RETENTION_RULE_KEYS);
export const retentionPeriodUnit = pgEnum('retention_period_unit', RETENTION_PERIOD_UNITS);

export const retentionRules = pgTable(
  'retention_rules',
  {
    key: retentionRuleKey('key').primaryKey(),
    periodValue: integer('period_value').notNull(),
    periodUnit: retentionPeriodUnit('period_unit').notNull(),
    enabled: boolean('enabled').notNull().default(true),
    updatedBy: uuid('updated_by').references(() => users.id),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  // Administrators only (the retention job reads them through its definer functions).
  () => [
    pgPolicy('retention_rules_admin', {
      for: 'all',
      to: appRole,
      using: sql`(select app_is_admin())`,
      withCheck: sql`(select app_is_admin())`,
    }),
  ],
);

export const legalHolds = pgTable(
  'legal_holds',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    clientAccountId: uuid('client_account_id').references(() => clientAccounts.id),
    projectId: uuid('project_id').references(() => projects.id),
    reason: text('reason').notNull(),
    placedBy: uuid('placed_by').references(() => users.id),
    placedAt: timestamp('placed_at', { withTimezone: true }).notNull().defaultNow(),
    releasedAt: timestamp('released_at', { withTimezone: true }),
    releasedBy: uuid('released_by').references(() => users.id),
  },
  (t) => [
    check('legal_holds_one_target', sql`(${t.clientAccountId} is null) <> (${t.projectId} is null)`),
    index('legal_holds_account_idx').on(t.clientAccountId),
    index('legal_holds_project_idx').on(t.projectId),
    // Administrators only.
    pgPolicy('legal_holds_admin', {
      for: 'all',
      to: appRole,
      using: sql`(select app_is_admin())`,
      withCheck: sql`(select app_is_admin())`,
    }),
  ],
);
