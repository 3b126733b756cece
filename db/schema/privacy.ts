import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgEnum,
  pgPolicy,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import type { Sealed } from '../../lib/crypto/envelope';
import type { DeletionReceipt } from '../../lib/privacy/receipt';
// One list of the words, for the database's enums and for forms, pages and the DAL alike.
import { JURISDICTIONS, PRIVACY_FLAG_KINDS, REQUEST_KINDS, REQUEST_STATUSES } from '../../lib/vocabulary';
import { appRole } from './roles';
import { users } from './users';

/*
 * Rights requests (docs/product.md §7, issue 6): who asked for what, under which law, and the clock the law sets. Filed
 * anonymously from /privacy/request or signed in; verified by an emailed code (hashed, short-lived, three tries)
 * or the signed-in user's password. Row-level security: the public form reaches only the request it names
 * (app.privacy_request, or the export link in hand) or those filed for the email typed; a signed-in person their
 * own; administrators (the queue asks the policy for `privacy.manage`) all of them.
 */

export const privacyRequestKind = pgEnum('privacy_request_kind', REQUEST_KINDS);
export const privacyRequestStatus = pgEnum('privacy_request_status', REQUEST_STATUSES);
export const privacyJurisdiction = pgEnum('privacy_jurisdiction', JURISDICTIONS);
export const privacyFlagKind = pgEnum('privacy_flag_kind', PRIVACY_FLAG_KINDS);

export type { DeletionReceipt };

export const privacyRequests = pgTable(
  'privacy_requests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** The reference the requester and the queue quote (PR-<ref>). */
    ref: bigint('ref', { mode: 'number' }).generatedAlwaysAsIdentity().notNull(),
    kind: privacyRequestKind('kind').notNull(),
    jurisdiction: privacyJurisdiction('jurisdiction').notNull(),
    status: privacyRequestStatus('status').notNull(),
    channel: text('channel').$type<'public' | 'account'>().notNull(),
    /** The account the request is about, once known (signed in, or matched after verification). */
    subjectUserId: uuid('subject_user_id').references(() => users.id),
    subjectName: text('subject_name').notNull(),
    subjectEmail: text('subject_email').notNull(),
    details: text('details'),
    /** An authorized agent filing for the subject: their contact and the permission they signed. */
    agentName: text('agent_name'),
    agentEmail: text('agent_email'),
    agentPermissionText: text('agent_permission_text'),
    agentPermissionSha256: text('agent_permission_sha256'),
    agentSignedAt: timestamp('agent_signed_at', { withTimezone: true }),
    /** Set by the subject when confirming: whether the agent may receive the subject's data. */
    agentMayReceive: boolean('agent_may_receive').notNull().default(false),
    verificationMethod: text('verification_method').$type<'email_code' | 'password' | 'not_required'>(),
    verifiedAt: timestamp('verified_at', { withTimezone: true }),
    subjectConfirmedAt: timestamp('subject_confirmed_at', { withTimezone: true }),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
    acknowledgedAt: timestamp('acknowledged_at', { withTimezone: true }),
    ackDueOn: date('ack_due_on'),
    dueOn: date('due_on').notNull(),
    originalDueOn: date('original_due_on').notNull(),
    extendedAt: timestamp('extended_at', { withTimezone: true }),
    extensionReason: text('extension_reason'),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    refusalReason: text('refusal_reason'),
    receipt: jsonb('receipt').$type<DeletionReceipt>(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('privacy_requests_status_due_idx').on(t.status, t.dueOn),
    index('privacy_requests_subject_idx').on(t.subjectUserId),
    index('privacy_requests_email_idx').on(sql`lower(${t.subjectEmail})`),
    pgPolicy('privacy_requests_view', {
      for: 'select',
      to: appRole,
      using: sql`id = (select app_privacy_request()) or lower(subject_email) = (select app_email()) or subject_user_id = (select app_subject()) or (select app_is_admin())`,
    }),
    pgPolicy('privacy_requests_file', {
      for: 'insert',
      to: appRole,
      withCheck: sql`(select app_is_admin()) or subject_user_id = (select app_user_id()) and (select app_user_role()) is not null or subject_user_id is null and channel = 'public' and lower(subject_email) = (select app_email())`,
    }),
    // (The email typed may lock its waiting requests to merge a repeat into one, not change them.)
    pgPolicy('privacy_requests_progress', {
      for: 'update',
      to: appRole,
      using: sql`id = (select app_privacy_request()) or lower(subject_email) = (select app_email()) or subject_user_id = (select app_subject()) or (select app_is_admin())`,
      withCheck: sql`id = (select app_privacy_request()) or subject_user_id = (select app_subject()) or (select app_is_admin())`,
    }),
    pgPolicy('privacy_requests_remove', { for: 'delete', to: appRole, using: sql`(select app_is_admin())` }),
  ],
);

/** Six-digit codes, stored as salted SHA-256 only; valid ten minutes, three tries, then void. */
export const privacyRequestCodes = pgTable(
  'privacy_request_codes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    requestId: uuid('request_id')
      .notNull()
      .references(() => privacyRequests.id),
    /** `requester`: whoever filed (or their agent); `subject`: the person an agent filed for. */
    purpose: text('purpose').$type<'requester' | 'subject'>().notNull(),
    codeHash: text('code_hash').notNull(),
    attempts: integer('attempts').notNull().default(0),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    voidedAt: timestamp('voided_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('privacy_request_codes_request_idx').on(t.requestId, t.purpose),
    pgPolicy('privacy_request_codes_own', {
      for: 'all',
      to: appRole,
      using: sql`request_id = (select app_privacy_request()) or (select app_is_admin())`,
      withCheck: sql`request_id = (select app_privacy_request()) or (select app_is_admin())`,
    }),
  ],
);

/**
 * Single-use download links for access and portability exports; only the token's SHA-256 is stored. The
 * export is gathered when the request is completed and kept sealed (lib/crypto/envelope.ts, context
 * `privacy-export:<id>`) until it is downloaded or expires, then dropped.
 */
export const privacyExports = pgTable(
  'privacy_exports',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    requestId: uuid('request_id')
      .notNull()
      .references(() => privacyRequests.id),
    tokenHash: text('token_hash').notNull(),
    /** Who the link was sent to: the person, or their agent when the person allowed it. */
    recipient: text('recipient').$type<'subject' | 'agent'>().notNull(),
    payload: jsonb('payload').$type<Sealed>(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('privacy_exports_token_key').on(t.tokenHash),
    // Made by an administrator; opened once by the holder of its link.
    pgPolicy('privacy_exports_view', {
      for: 'select',
      to: appRole,
      using: sql`token_hash = (select app_credential()) or (select app_is_admin())`,
    }),
    pgPolicy('privacy_exports_make', { for: 'insert', to: appRole, withCheck: sql`(select app_is_admin())` }),
    pgPolicy('privacy_exports_use', {
      for: 'update',
      to: appRole,
      using: sql`token_hash = (select app_credential()) or (select app_is_admin())`,
      withCheck: sql`token_hash = (select app_credential()) or (select app_is_admin())`,
    }),
    pgPolicy('privacy_exports_remove', { for: 'delete', to: appRole, using: sql`(select app_is_admin())` }),
  ],
);

/** Emails of erased people, hashed, so a later invitation to the same address is flagged. */
export const suppressionEntries = pgTable(
  'suppression_entries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    emailSha256: text('email_sha256').notNull(),
    requestId: uuid('request_id').references(() => privacyRequests.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('suppression_entries_email_key').on(t.emailSha256),
    // Administrators only.
    pgPolicy('suppression_entries_admin', {
      for: 'all',
      to: appRole,
      using: sql`(select app_is_admin())`,
      withCheck: sql`(select app_is_admin())`,
    }),
  ],
);

/** Marks on a person: restricted or objected (left out of optional processing and third-party exports), erased. */
export const privacyFlags = pgTable(
  'privacy_flags',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    flag: privacyFlagKind('flag').notNull(),
    requestId: uuid('request_id').references(() => privacyRequests.id),
    setAt: timestamp('set_at', { withTimezone: true }).notNull().defaultNow(),
    liftedAt: timestamp('lifted_at', { withTimezone: true }),
  },
  (t) => [
    index('privacy_flags_user_idx').on(t.userId, t.flag),
    pgPolicy('privacy_flags_view', {
      for: 'select',
      to: appRole,
      using: sql`user_id = (select app_subject()) or (select app_is_admin())`,
    }),
    pgPolicy('privacy_flags_admin', { for: 'insert', to: appRole, withCheck: sql`(select app_is_admin())` }),
    pgPolicy('privacy_flags_change', {
      for: 'update',
      to: appRole,
      using: sql`(select app_is_admin())`,
      withCheck: sql`(select app_is_admin())`,
    }),
    pgPolicy('privacy_flags_remove', { for: 'delete', to: appRole, using: sql`(select app_is_admin())` }),
  ],
);
