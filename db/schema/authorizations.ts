import { type AnyPgColumn, check, index, pgPolicy, pgTable, pgView, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { authorizationKind, authorizationOutcome } from './enums';
import { clientAccounts, projects } from './clients';
import { users } from './users';
import { appRole } from './roles';

/*
 * Written authorizations (docs/product.md §5): append-only. The application role may insert these rows but never
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
    // Asked as oneself with identity standing on a project owned by the addressed client, never under zero public
    // association; seen by administrators, the asker, the client's members and the project's agency members.
    pgPolicy('authorization_requests_view', {
      for: 'select',
      to: appRole,
      using: sql`(select app_is_admin()) or requested_by = (select app_user_id()) or app_client_member_of(client_account_id)
        or (project_id is not null and (select app_user_role()) in ('staff', 'contractor') and app_active_member_of(project_id))`,
    }),
    pgPolicy('authorization_requests_create', {
      for: 'insert',
      to: appRole,
      withCheck: sql`requested_by = (select app_user_id()) and project_id is not null
        and app_agency_standing(project_id, 'identity')
        and app_project_owned_by(project_id, client_account_id)
        and not app_project_zero_association(project_id)`,
    }),
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
    // Recorded by a member of the client as themselves, for the client's own project; no signed permission under
    // zero public association; a revocation ends one of the client's own records. Seen by administrators, the
    // client's members and the project's agency members. Never updated or deleted (trigger, migration 0009).
    pgPolicy('authorizations_view', {
      for: 'select',
      to: appRole,
      using: sql`(select app_is_admin()) or app_client_member_of(client_account_id)
        or (project_id is not null and (select app_user_role()) in ('staff', 'contractor') and app_active_member_of(project_id))`,
    }),
    pgPolicy('authorizations_record', {
      for: 'insert',
      to: appRole,
      withCheck: sql`signer_user_id = (select app_user_id()) and app_client_member_of(client_account_id)
        and (project_id is null or app_project_owned_by(project_id, client_account_id))
        and (outcome <> 'signed' or kind::text = 'zero_public_association' or not app_account_zero_association(client_account_id))
        and (revokes_id is null or app_authorization_of_account(revokes_id, client_account_id))`,
    }),
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
