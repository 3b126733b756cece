import {
  boolean,
  date,
  index,
  integer,
  pgEnum,
  pgPolicy,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { CONSENT_DECISIONS, CONSENT_METHODS, CONSENT_PURPOSES } from '../../lib/vocabulary';
import { users } from './users';
import { sql } from 'drizzle-orm';
import { appRole } from './roles';

/*
 * Consent and the privacy policy. Consent records are append-only (migration privacy_wall): a change of mind
 * is a new record, and the current state of a purpose is its latest record. Published policy versions are
 * never edited; a new text is a new version.
 */

export const consentPurpose = pgEnum('consent_purpose', CONSENT_PURPOSES);
export const consentDecision = pgEnum('consent_decision', CONSENT_DECISIONS);
export const consentMethod = pgEnum('consent_method', CONSENT_METHODS);

export const consentRecords = pgTable(
  'consent_records',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** A signed-in person, or null for an anonymous browser. */
    userId: uuid('user_id').references(() => users.id),
    /** The random id in the browser's strictly necessary consent cookie; null for account-level choices. */
    browserId: text('browser_id'),
    purpose: consentPurpose('purpose').notNull(),
    decision: consentDecision('decision').notNull(),
    method: consentMethod('method').notNull(),
    /** The notice shown when the choice was made: the privacy-policy version number. */
    noticeVersion: integer('notice_version'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('consent_records_browser_idx').on(t.browserId, t.purpose, t.createdAt),
    index('consent_records_user_idx').on(t.userId, t.purpose, t.createdAt),
    // A browser's own anonymous choices (the consent cookie's id, app_browser()), a person's own, administrators.
    // Appended only (trigger consent_records_append_only).
    pgPolicy('consent_view', {
      for: 'select',
      to: appRole,
      using: sql`(user_id is null and browser_id = (select public.app_browser())) or user_id = (select public.app_user_id()) or (select public.app_is_admin())`,
    }),
    pgPolicy('consent_append', {
      for: 'insert',
      to: appRole,
      withCheck: sql`(user_id is null and browser_id = (select public.app_browser())) or user_id = (select public.app_user_id()) or (select public.app_is_admin())`,
    }),
  ],
);

export const policyVersions = pgTable(
  'policy_versions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    version: integer('version').notNull(),
    title: text('title').notNull(),
    /** Markdown. */
    body: text('body').notNull(),
    bodySha256: text('body_sha256').notNull(),
    /** What changed, in a sentence or two, for the history list and the acknowledgement notice. */
    summary: text('summary').notNull(),
    effectiveOn: date('effective_on').notNull(),
    /** A material change asks every signed-in user to acknowledge it on their next visit. */
    material: boolean('material').notNull().default(false),
    publishedBy: uuid('published_by').references(() => users.id),
    publishedAt: timestamp('published_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('policy_versions_version_key').on(t.version),
    // Public texts: read by anyone; published by an administrator as themselves; never edited.
    pgPolicy('policy_versions_read', { for: 'select', to: appRole, using: sql`true` }),
    pgPolicy('policy_versions_publish', {
      for: 'insert',
      to: appRole,
      withCheck: sql`(select app_is_admin()) and published_by = (select app_user_id())`,
    }),
  ],
);

export const policyAcknowledgements = pgTable(
  'policy_acknowledgements',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    policyVersionId: uuid('policy_version_id')
      .notNull()
      .references(() => policyVersions.id),
    acknowledgedAt: timestamp('acknowledged_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('policy_acknowledgements_user_version_key').on(t.userId, t.policyVersionId),
    pgPolicy('policy_acknowledgements_view', {
      for: 'select',
      to: appRole,
      using: sql`user_id = (select app_user_id()) or (select app_is_admin())`,
    }),
    pgPolicy('policy_acknowledgements_record', {
      for: 'insert',
      to: appRole,
      withCheck: sql`user_id = (select app_user_id())`,
    }),
  ],
);
