import { sql } from 'drizzle-orm';
import { bigint, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { Sealed } from '../../lib/crypto/envelope';
import { users } from './users';

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
    uniqueIndex('two_factor_secrets_active_key').on(t.userId).where(sql`${t.confirmedAt} is not null`),
    uniqueIndex('two_factor_secrets_pending_key').on(t.userId).where(sql`${t.confirmedAt} is null`),
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
  (t) => [index('recovery_codes_user_idx').on(t.userId, t.codeHash)],
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
  (t) => [uniqueIndex('sign_in_challenges_token_key').on(t.tokenHash), index('sign_in_challenges_user_idx').on(t.userId)],
);

/** Failure counters per normalized email (hashed, whether or not the account exists) and per IP. */
export const signInThrottles = pgTable('sign_in_throttles', {
  key: text('key').primaryKey(),
  failures: integer('failures').notNull().default(0),
  windowStartedAt: timestamp('window_started_at', { withTimezone: true }).notNull().defaultNow(),
  lockedUntil: timestamp('locked_until', { withTimezone: true }),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

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
  (t) => [uniqueIndex('password_reset_tokens_token_key').on(t.tokenHash), index('password_reset_tokens_user_idx').on(t.userId)],
);

/** Emails to send: delivered by SMTP when SMTP_URL is set, readable on /dev/mailbox in development. */
export const outboxEmails = pgTable(
  'outbox_emails',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    to: text('to').notNull(),
    subject: text('subject').notNull(),
    text: text('text').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    /** Failed deliveries so far, when to try next (exponential backoff), and the last failure's kind only. */
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }),
    lastErrorKind: text('last_error_kind'),
  },
  (t) => [index('outbox_emails_unsent_idx').on(t.createdAt).where(sql`${t.sentAt} is null`)],
);
