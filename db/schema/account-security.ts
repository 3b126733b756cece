import { sql } from 'drizzle-orm';
import {
  bigint,
  index,
  integer,
  jsonb,
  pgPolicy,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import type { Sealed } from '../../lib/crypto/envelope';
import { appRole } from './roles';
import { users } from './users';

/*
 * Row-level security (helpers in the migration that adds them, see lib/dal/auth/bind-credential.ts): with no acting
 * user a transaction touches only the rows of the account its credential names (`app_subject()`: a live session, an
 * open challenge, an unused reset link, or the email typed at sign-in), or the row its token hash names.
 */
const own = sql`user_id = (select app_subject())`;
const ownOrAdmin = sql`user_id = (select app_subject()) or (select app_is_admin())`;
const heldOrOwn = sql`token_hash = (select app_credential()) or user_id = (select app_subject()) or (select app_is_admin())`;

/*
 * Account security: two-factor secrets and recovery codes, sign-in challenges and throttling counters,
 * password-reset tokens and the email outbox. Secrets are sealed (lib/crypto/envelope.ts), tokens and codes
 * are stored as SHA-256 hashes only: a database dump lets no one sign in.
 */

/** A TOTP secret, sealed under `totp:<userId>`. Pending until confirmed by a code; one active per user. */
export const twoFactorSecrets = pgTable(
  'two_factor_secrets',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    secret: jsonb('secret').$type<Sealed>().notNull(),
    confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
    /** The last accepted TOTP time step: a code from this step or an earlier one is refused (no replay). */
    lastTimeStep: bigint('last_time_step', { mode: 'number' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('two_factor_secrets_active_key')
      .on(t.userId)
      .where(sql`${t.confirmedAt} is not null`),
    uniqueIndex('two_factor_secrets_pending_key')
      .on(t.userId)
      .where(sql`${t.confirmedAt} is null`),
    // The account's own steps (enrol, verify, turn off); an administrator only removes them (erasure, reset).
    pgPolicy('two_factor_secrets_view', { for: 'select', to: appRole, using: ownOrAdmin }),
    pgPolicy('two_factor_secrets_add', { for: 'insert', to: appRole, withCheck: own }),
    pgPolicy('two_factor_secrets_use', { for: 'update', to: appRole, using: own, withCheck: own }),
    pgPolicy('two_factor_secrets_remove', { for: 'delete', to: appRole, using: ownOrAdmin }),
  ],
);

/** One-time recovery codes: SHA-256 of 80-bit random codes. */
export const recoveryCodes = pgTable(
  'recovery_codes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    codeHash: text('code_hash').notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('recovery_codes_user_idx').on(t.userId, t.codeHash),
    pgPolicy('recovery_codes_view', { for: 'select', to: appRole, using: ownOrAdmin }),
    pgPolicy('recovery_codes_add', { for: 'insert', to: appRole, withCheck: own }),
    pgPolicy('recovery_codes_use', { for: 'update', to: appRole, using: own, withCheck: own }),
    pgPolicy('recovery_codes_remove', { for: 'delete', to: appRole, using: ownOrAdmin }),
  ],
);

/**
 * A sign-in in progress after a correct password: it opens no session until it is verified (the second
 * factor, or none needed) and then consumed by Auth.js. The browser holds the token in an httpOnly cookie.
 */
export const signInChallenges = pgTable(
  'sign_in_challenges',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tokenHash: text('token_hash').notNull(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    /** What is still needed: nothing, a code, or enrolling in two-factor first. */
    secondFactor: text('second_factor').$type<'none' | 'verify' | 'enrol'>().notNull(),
    attempts: integer('attempts').notNull().default(0),
    verifiedAt: timestamp('verified_at', { withTimezone: true }),
    /** How the second factor was given (`totp`, `recovery_code`, `enrolled`, `none`), for the audit event. */
    method: text('method'),
    consumedAt: timestamp('consumed_at', { withTimezone: true }),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    ip: text('ip'),
    userAgent: text('user_agent'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('sign_in_challenges_token_key').on(t.tokenHash),
    index('sign_in_challenges_user_idx').on(t.userId),
    // Opened for the account whose email was typed; then reached by its token; ended by the account or an
    // administrator.
    pgPolicy('sign_in_challenges_view', { for: 'select', to: appRole, using: heldOrOwn }),
    pgPolicy('sign_in_challenges_open', { for: 'insert', to: appRole, withCheck: own }),
    pgPolicy('sign_in_challenges_step', { for: 'update', to: appRole, using: heldOrOwn, withCheck: heldOrOwn }),
    pgPolicy('sign_in_challenges_remove', { for: 'delete', to: appRole, using: ownOrAdmin }),
  ],
);

/** Failure counters per normalized email (hashed, whether or not the account exists) and per IP. */
export const signInThrottles = pgTable(
  'sign_in_throttles',
  {
    key: text('key').primaryKey(),
    failures: integer('failures').notNull().default(0),
    windowStartedAt: timestamp('window_started_at', { withTimezone: true }).notNull().defaultNow(),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  // Counters keyed by an email's hash or an address: every step that holds something (an email typed, a token, a
  // request, a signed-in user) counts its attempts; a transaction holding nothing counts nothing. Never deleted.
  () => [
    pgPolicy('sign_in_throttles_view', { for: 'select', to: appRole, using: sql`(select app_in_hand())` }),
    pgPolicy('sign_in_throttles_count', { for: 'insert', to: appRole, withCheck: sql`(select app_in_hand())` }),
    pgPolicy('sign_in_throttles_settle', {
      for: 'update',
      to: appRole,
      using: sql`(select app_in_hand())`,
      withCheck: sql`(select app_in_hand())`,
    }),
  ],
);

/** Single-use password-reset links; only the SHA-256 of the token is stored. */
export const passwordResetTokens = pgTable(
  'password_reset_tokens',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    tokenHash: text('token_hash').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    ip: text('ip'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('password_reset_tokens_token_key').on(t.tokenHash),
    index('password_reset_tokens_user_idx').on(t.userId),
    // Asked for the account whose email was typed; used by the link's holder; voided by the account; erased by an
    // administrator.
    pgPolicy('password_reset_tokens_view', { for: 'select', to: appRole, using: heldOrOwn }),
    pgPolicy('password_reset_tokens_issue', { for: 'insert', to: appRole, withCheck: own }),
    pgPolicy('password_reset_tokens_use', { for: 'update', to: appRole, using: heldOrOwn, withCheck: heldOrOwn }),
    pgPolicy('password_reset_tokens_remove', { for: 'delete', to: appRole, using: ownOrAdmin }),
  ],
);

/**
 * Emails to send: delivered by SMTP when SMTP_URL is set, readable on /dev/mailbox in development. The body is
 * sealed under `outbox:<id>` (lib/dal/outbox.ts): a pending email's link or code is a bearer secret, so a dump must
 * not hold it; once sent, the sealed body keeps no link or code at all. `text` holds only rows queued before
 * sealing (migration 0036), read the same way until they are sent.
 */
export const outboxEmails = pgTable(
  'outbox_emails',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    to: text('to').notNull(),
    subject: text('subject').notNull(),
    text: text('text'),
    sealed: jsonb('sealed').$type<Sealed>(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    /** Failed deliveries so far, when to try next (exponential backoff), and the last failure's kind only. */
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }),
    lastErrorKind: text('last_error_kind'),
  },
  (t) => [
    index('outbox_emails_unsent_idx')
      .on(t.createdAt)
      .where(sql`${t.sentAt} is null`),
    // Any step with something in hand may queue an email; only the delivery job (and the development mailbox, which
    // binds the same job) reads or updates the queue; an administrator counts the backlog and erases by address.
    // Whatever the application writes is sealed: a plaintext body is refused on insert and on update.
    pgPolicy('outbox_emails_queue', {
      for: 'insert',
      to: appRole,
      withCheck: sql`(select app_in_hand()) and text is null and sealed is not null`,
    }),
    pgPolicy('outbox_emails_view', {
      for: 'select',
      to: appRole,
      using: sql`(select app_job()) = 'outbox' or (select app_is_admin())`,
    }),
    pgPolicy('outbox_emails_deliver', {
      for: 'update',
      to: appRole,
      using: sql`(select app_job()) = 'outbox'`,
      withCheck: sql`(select app_job()) = 'outbox' and text is null and sealed is not null`,
    }),
    pgPolicy('outbox_emails_erase', { for: 'delete', to: appRole, using: sql`(select app_is_admin())` }),
  ],
);
