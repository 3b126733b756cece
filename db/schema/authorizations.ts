import { type AnyPgColumn, check, index, pgTable, pgView, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { authorizationKind, authorizationOutcome } from './enums';
import { clientAccounts, projects } from './clients';
import { users } from './users';

/*
 * Written authorizations (SPEC §5): append-only. The application role may insert these rows but never
 * update or delete them (privileges and a trigger, migration client_permissions): revoking is a new record.
 */

/** Staff ask a client for one public use, with the exact words the client will read and sign. */
export const authorizationRequests = pgTable(
  'authorization_requests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    clientAccountId: uuid('client_account_id')
      .notNull()
      .references(() => clientAccounts.id),
    projectId: uuid('project_id').references(() => projects.id),
    kind: authorizationKind('kind').notNull(),
    publicTitle: text('public_title').notNull(),
    publicSummary: text('public_summary').notNull(),
    /** The full text the client is asked to sign, and its SHA-256. */
    text: text('text').notNull(),
    textSha256: text('text_sha256').notNull(),
    /** The proposed end of the permission (null: until revoked). */
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    requestedBy: uuid('requested_by')
      .notNull()
      .references(() => users.id),
    requestedAt: timestamp('requested_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('authorization_requests_project_idx').on(t.projectId, t.requestedAt),
    index('authorization_requests_client_idx').on(t.clientAccountId, t.requestedAt),
  ],
);

/**
 * One record of a client's decision: `signed` (a permission, or a zero-public-association demand),
 * `refused` (a request turned down) or `revoked` (ends the signed record `revokesId`). Each keeps the exact
 * text, its SHA-256, the signer, time, IP and user agent.
 */
export const authorizations = pgTable(
  'authorizations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    requestId: uuid('request_id').references(() => authorizationRequests.id),
    clientAccountId: uuid('client_account_id')
      .notNull()
      .references(() => clientAccounts.id),
    projectId: uuid('project_id').references(() => projects.id),
    kind: authorizationKind('kind').notNull(),
    // Records made before outcomes were recorded were all signatures.
    outcome: authorizationOutcome('outcome').notNull().default('signed'),
    /** The approved public title and summary (signed permissions only). */
    publicTitle: text('public_title'),
    publicSummary: text('public_summary'),
    signedText: text('signed_text').notNull(),
    signedTextSha256: text('signed_text_sha256').notNull(),
    signerUserId: uuid('signer_user_id').references(() => users.id),
    signerName: text('signer_name').notNull(),
    signedAt: timestamp('signed_at', { withTimezone: true }).notNull(),
    ip: text('ip'),
    userAgent: text('user_agent'),
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    /** For a `revoked` record: the signed record it ends. */
    revokesId: uuid('revokes_id').references((): AnyPgColumn => authorizations.id),
    /** Why a request was refused or a record revoked. */
    reason: text('reason'),
  },
  (t) => [
    index('authorizations_project_kind_idx').on(t.projectId, t.kind),
    index('authorizations_client_idx').on(t.clientAccountId, t.signedAt),
    index('authorizations_revokes_idx').on(t.revokesId),
    index('authorizations_request_idx').on(t.requestId),
    check('authorizations_revocation_target', sql`(${t.outcome} = 'revoked') = (${t.revokesId} is not null)`),
  ],
);

/**
 * The public portfolio (view created by migration client_permissions): per project, the latest signed
 * `portfolio_use` in force, of a client without zero public association; the approved title and summary only.
 */
export const publicPortfolio = pgView('public_portfolio', {
  id: uuid('id').notNull(),
  projectId: uuid('project_id').notNull(),
  title: text('title').notNull(),
  summary: text('summary').notNull(),
  signedAt: timestamp('signed_at', { withTimezone: true }).notNull(),
}).existing();
