import { sql } from 'drizzle-orm';
import { index, pgPolicy, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { userRole } from './enums';
import { appRole } from './roles';

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    email: text('email').notNull(),
    name: text('name').notNull(),
    role: userRole('role').notNull(),
    disabledAt: timestamp('disabled_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('users_email_key').on(sql`lower(${t.email})`),
    // Row-level security. Every active signed-in user reads the people directory (names on rosters, labels, history);
    // with no acting user only the account the credential in hand names (app_subject(); the invitation in hand
    // names its own new account), or the active
    // administrators for the retention job choosing whom it acts as. Changed by the account itself or an
    // administrator; created by an administrator or by accepting the open invitation in hand. Never deleted.
    pgPolicy('users_view', {
      for: 'select',
      to: appRole,
      using: sql`(select app_user_role()) is not null or id = (select app_subject()) or app_invitation_names(email, null, null) or ((select app_job()) = 'retention' and role = 'admin' and disabled_at is null)`,
    }),
    pgPolicy('users_create', {
      for: 'insert',
      to: appRole,
      withCheck: sql`(select app_is_admin()) or app_invitation_names(email, role::text, null)`,
    }),
    pgPolicy('users_update', {
      for: 'update',
      to: appRole,
      using: sql`id = (select app_subject()) or (select app_is_admin())`,
      withCheck: sql`id = (select app_subject()) or (select app_is_admin())`,
    }),
  ],
);

/**
 * Password hashes, apart from the people directory: every signed-in user reads `users` (names on rosters and in
 * history), but a hash is read only for the account the credential in hand names (`app_subject()`: the email typed
 * at sign-in, the signed-in person re-authenticating or changing it, the reset link in hand), set by that account
 * or by accepting the invitation that creates it, and removed by that account (or on erasure, by app_erase_password).
 * An account without a row has no password and cannot sign in with one.
 */
export const userPasswords = pgTable(
  'user_passwords',
  {
    userId: uuid('user_id')
      .primaryKey()
      .references(() => users.id),
    passwordHash: text('password_hash').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  () => [
    pgPolicy('user_passwords_view', { for: 'select', to: appRole, using: sql`user_id = (select app_subject())` }),
    pgPolicy('user_passwords_set', {
      for: 'insert',
      to: appRole,
      withCheck: sql`user_id = (select app_subject()) or exists (select 1 from users u where u.id = user_id and app_invitation_names(u.email, null, null))`,
    }),
    pgPolicy('user_passwords_change', {
      for: 'update',
      to: appRole,
      using: sql`user_id = (select app_subject())`,
      withCheck: sql`user_id = (select app_subject())`,
    }),
    pgPolicy('user_passwords_remove', {
      for: 'delete',
      to: appRole,
      using: sql`user_id = (select app_subject()) or (select app_is_admin())`,
    }),
  ],
);

/** Server-side sessions: the Auth.js cookie only carries the id, so revoking a row ends the session. */
export const sessions = pgTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    ip: text('ip'),
    userAgent: text('user_agent'),
  },
  (t) => [
    index('sessions_user_idx').on(t.userId),
    // The cookie's holder (the row's id is the token's hash), the account itself, an administrator (disabling ends
    // them). Opened only for the account whose open challenge is in hand.
    pgPolicy('sessions_view', {
      for: 'select',
      to: appRole,
      using: sql`id = (select app_credential()) or user_id = (select app_subject()) or (select app_is_admin())`,
    }),
    pgPolicy('sessions_open', { for: 'insert', to: appRole, withCheck: sql`user_id = (select app_subject())` }),
    pgPolicy('sessions_end', {
      for: 'update',
      to: appRole,
      using: sql`id = (select app_credential()) or user_id = (select app_subject()) or (select app_is_admin())`,
      withCheck: sql`id = (select app_credential()) or user_id = (select app_subject()) or (select app_is_admin())`,
    }),
    pgPolicy('sessions_remove', { for: 'delete', to: appRole, using: sql`(select app_is_admin())` }),
  ],
);

/** Single-use invitations; only the SHA-256 of the token is stored. */
export const invitations = pgTable(
  'invitations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    email: text('email').notNull(),
    name: text('name').notNull(),
    role: userRole('role').notNull(),
    clientAccountId: uuid('client_account_id'),
    tokenHash: text('token_hash').notNull(),
    invitedBy: uuid('invited_by')
      .notNull()
      .references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    acceptedAt: timestamp('accepted_at', { withTimezone: true }),
    acceptedUserId: uuid('accepted_user_id').references(() => users.id),
  },
  (t) => [
    uniqueIndex('invitations_token_key').on(t.tokenHash),
    // Sent by an administrator; read and accepted only by the holder of its link.
    pgPolicy('invitations_view', {
      for: 'select',
      to: appRole,
      using: sql`token_hash = (select app_credential()) or (select app_is_admin())`,
    }),
    pgPolicy('invitations_send', {
      for: 'insert',
      to: appRole,
      withCheck: sql`(select app_is_admin()) and invited_by = (select app_user_id())`,
    }),
    pgPolicy('invitations_accept', {
      for: 'update',
      to: appRole,
      using: sql`token_hash = (select app_credential()) or (select app_is_admin())`,
      withCheck: sql`token_hash = (select app_credential()) or (select app_is_admin())`,
    }),
    pgPolicy('invitations_remove', { for: 'delete', to: appRole, using: sql`(select app_is_admin())` }),
  ],
);
