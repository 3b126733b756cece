import { sql } from 'drizzle-orm';
import { check, index, pgEnum, pgPolicy, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { DATA_CATEGORIES, ENGAGEMENT_ROLES, LAWFUL_BASES } from '../../lib/vocabulary';
import { projects } from './clients';
import { privacyRequests } from './privacy';
import { appRole } from './roles';
import { users } from './users';

/*
 * The register of processing activities (issue 15 points 4-5). Everything in the register is generated from the
 * system's own data (lib/dal/processing/build-register.ts) except what people decide: the purposes and lawful bases
 * of each data category, and whether the agency is controller or processor of each engagement. Administrators
 * only (the policy's `processing.view` / `processing.manage`).
 */

export const processingDataCategory = pgEnum('processing_data_category', DATA_CATEGORIES);
export const lawfulBasis = pgEnum('lawful_basis', LAWFUL_BASES);
export const engagementRole = pgEnum('engagement_role', ENGAGEMENT_ROLES);

/** A purpose for which one data category is processed, and its lawful basis: the only words people write. */
export const processingPurposes = pgTable(
  'processing_purposes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    category: processingDataCategory('category').notNull(),
    purpose: text('purpose').notNull(),
    lawfulBasis: lawfulBasis('lawful_basis').notNull(),
    updatedBy: uuid('updated_by').references(() => users.id),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('processing_purposes_category_idx').on(t.category),
    check('processing_purposes_purpose', sql`length(${t.purpose}) between 3 and 500`),
    pgPolicy('processing_purposes_admin', {
      for: 'all',
      to: appRole,
      using: sql`(select app_is_admin())`,
      withCheck: sql`(select app_is_admin())`,
    }),
  ],
).enableRLS();

/**
 * Per engagement (a project: docs/product.md §3 "Project (an engagement)"), whether MM Group is controller or
 * processor. The controller of a processor engagement is the project's owning client account (read from the project,
 * never typed again); the instructions on file are a document reference. A project with no row is one where the agency
 * is controller.
 */
export const engagementRoles = pgTable(
  'engagement_roles',
  {
    projectId: uuid('project_id')
      .primaryKey()
      .references(() => projects.id),
    role: engagementRole('role').notNull(),
    instructionsRef: text('instructions_ref'),
    setBy: uuid('set_by').references(() => users.id),
    setAt: timestamp('set_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check(
      'engagement_roles_instructions',
      sql`${t.role} = 'controller' or length(coalesce(${t.instructionsRef}, '')) between 3 and 300`,
    ),
    pgPolicy('engagement_roles_admin', {
      for: 'all',
      to: appRole,
      using: sql`(select app_is_admin())`,
      withCheck: sql`(select app_is_admin())`,
    }),
  ],
).enableRLS();

/**
 * A rights request about data held as processor, routed to the controller: the requester reads the routing on
 * their request's page (reached by its id, as the request itself) with the controller's name only when that
 * client allows public association (`controller_public_name` is null otherwise); the controller's people are told.
 */
export const privacyRequestRoutings = pgTable(
  'privacy_request_routings',
  {
    requestId: uuid('request_id')
      .primaryKey()
      .references(() => privacyRequests.id, { onDelete: 'cascade' }),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id),
    controllerPublicName: text('controller_public_name'),
    routedBy: uuid('routed_by').references(() => users.id),
    routedAt: timestamp('routed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('privacy_request_routings_project_idx').on(t.projectId),
    pgPolicy('privacy_request_routings_view', {
      for: 'select',
      to: appRole,
      using: sql`request_id = (select app_privacy_request()) or (select app_is_admin())`,
    }),
    pgPolicy('privacy_request_routings_route', { for: 'insert', to: appRole, withCheck: sql`(select app_is_admin())` }),
  ],
).enableRLS();
