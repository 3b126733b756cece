import { sql } from 'drizzle-orm';
import {
  boolean,
  index,
  integer,
  pgPolicy,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  type AnyPgColumn,
} from 'drizzle-orm/pg-core';
import { allowlistStatus, membershipRole, ndaRequestStatus, ndaSignatureMethod } from './enums';
import { clientAccounts, projects } from './clients';
import { items } from './items';
import { appRole } from './roles';
import { users } from './users';

/** Versioned agreement texts; the SHA-256 proves which exact words were signed. */
export const ndaVersions = pgTable(
  'nda_versions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    title: text('title').notNull(),
    version: integer('version').notNull(),
    body: text('body').notNull(),
    bodySha256: text('body_sha256').notNull(),
    /** A material version asks everyone bound by an earlier version to sign again (their signatures are superseded). */
    material: boolean('material').notNull().default(true),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('nda_versions_title_version_key').on(t.title, t.version),
    // Agreement texts: read by any active signed-in user (to sign, or to see what was signed); written by
    // administrators.
    pgPolicy('nda_versions_view', { for: 'select', to: appRole, using: sql`(select app_user_role()) is not null` }),
    pgPolicy('nda_versions_publish', { for: 'insert', to: appRole, withCheck: sql`(select app_is_admin())` }),
  ],
);

/** A signature covers every client (clientAccountId null) or one client account. */
export const ndaSignatures = pgTable(
  'nda_signatures',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    ndaVersionId: uuid('nda_version_id')
      .notNull()
      .references(() => ndaVersions.id),
    clientAccountId: uuid('client_account_id').references(() => clientAccounts.id),
    signedAt: timestamp('signed_at', { withTimezone: true }).notNull(),
    ip: text('ip'),
    userAgent: text('user_agent'),
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    /** Who recorded a paper signature (never the signer); null for a signature made by the signer in the portal. */
    recordedBy: uuid('recorded_by').references(() => users.id),
    method: ndaSignatureMethod('method').notNull().default('portal'),
    /** The request the signer answered (null for an admin's own signature at break-glass, and paper records). */
    requestId: uuid('request_id').references((): AnyPgColumn => ndaRequests.id),
    /** The name the signer typed, and the SHA-256 of the exact text they were shown. */
    signerName: text('signer_name'),
    signedTextSha256: text('signed_text_sha256'),
    /** Set when a material new version of the agreement is published: the signature then no longer counts. */
    supersededAt: timestamp('superseded_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('nda_signatures_user_idx').on(t.userId, t.clientAccountId),
    // Signed by the signer only (as the acting user); seen by the signer, administrators, and a client about people on
    // its projects (app_client_sees_signer); superseded or erased by administrators.
    pgPolicy('nda_signatures_view', {
      for: 'select',
      to: appRole,
      using: sql`user_id = (select app_subject()) or (select app_is_admin()) or app_client_sees_signer(user_id, client_account_id)`,
    }),
    pgPolicy('nda_signatures_sign', {
      for: 'insert',
      to: appRole,
      withCheck: sql`user_id = (select app_user_id()) and (select app_user_role()) is not null`,
    }),
    pgPolicy('nda_signatures_admin', {
      for: 'update',
      to: appRole,
      using: sql`(select app_is_admin())`,
      withCheck: sql`(select app_is_admin())`,
    }),
    pgPolicy('nda_signatures_erase', { for: 'delete', to: appRole, using: sql`(select app_is_admin())` }),
  ],
);

/** An NDA version an admin sent to one person to sign in the portal (scope: all clients or one; expiry). */
export const ndaRequests = pgTable(
  'nda_requests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    ndaVersionId: uuid('nda_version_id')
      .notNull()
      .references(() => ndaVersions.id),
    clientAccountId: uuid('client_account_id').references(() => clientAccounts.id),
    /** When the signature will expire (null: no expiry). */
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    sentBy: uuid('sent_by')
      .notNull()
      .references(() => users.id),
    sentAt: timestamp('sent_at', { withTimezone: true }).notNull().defaultNow(),
    status: ndaRequestStatus('status').notNull().default('sent'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    refusalReason: text('refusal_reason'),
  },
  (t) => [
    index('nda_requests_user_idx').on(t.userId, t.status),
    // Sent by an administrator (as themselves); seen and answered by the person asked.
    pgPolicy('nda_requests_view', {
      for: 'select',
      to: appRole,
      using: sql`user_id = (select app_subject()) or (select app_is_admin())`,
    }),
    pgPolicy('nda_requests_send', {
      for: 'insert',
      to: appRole,
      withCheck: sql`(select app_is_admin()) and sent_by = (select app_user_id())`,
    }),
    pgPolicy('nda_requests_answer', {
      for: 'update',
      to: appRole,
      using: sql`user_id = (select app_subject()) or (select app_is_admin())`,
      withCheck: sql`user_id = (select app_subject()) or (select app_is_admin())`,
    }),
    pgPolicy('nda_requests_erase', { for: 'delete', to: appRole, using: sql`(select app_is_admin())` }),
  ],
);

export const memberships = pgTable(
  'memberships',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id),
    role: membershipRole('role').notNull(),
    /** Subset of the item categories plus `identity`; a lead implicitly holds all. */
    scopes: text('scopes')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    ndaSignatureId: uuid('nda_signature_id').references(() => ndaSignatures.id),
    grantedBy: uuid('granted_by').references(() => users.id),
    grantedAt: timestamp('granted_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    revokedBy: uuid('revoked_by').references(() => users.id),
    /** Set when the row is an admin's own break-glass access (granted by nobody else; ends with it). */
    breakGlassId: uuid('break_glass_id').references((): AnyPgColumn => breakGlassGrants.id),
  },
  (t) => [
    index('memberships_user_project_idx').on(t.userId, t.projectId),
    index('memberships_project_idx').on(t.projectId),
    // Seen by the member, administrators, the project's active members and its owning client. Granted by an
    // administrator to someone else, or to themselves only inside their own open break-glass; changed (revoked)
    // by administrators (a trigger, memberships_transition_guard, keeps the changes to ending it).
    pgPolicy('memberships_view', {
      for: 'select',
      to: appRole,
      using: sql`user_id = (select app_user_id()) or (select app_is_admin()) or app_active_member_of(project_id) or app_owner_client_of(project_id)`,
    }),
    pgPolicy('memberships_grant', {
      for: 'insert',
      to: appRole,
      withCheck: sql`((select app_is_admin()) and user_id <> (select app_user_id()) and granted_by = (select app_user_id()) and break_glass_id is null)
        or (user_id = (select app_user_id()) and granted_by is null and break_glass_id is not null and app_break_glass_open(break_glass_id, project_id))`,
    }),
    pgPolicy('memberships_revoke', {
      for: 'update',
      to: appRole,
      using: sql`(select app_is_admin())`,
      withCheck: sql`(select app_is_admin())`,
    }),
  ],
);

/**
 * Who may read one high-risk item, on top of membership, NDA and scope. Only `active` entries give access:
 * a grant the client must approve is `pending` until a member of the owning client approves or refuses it.
 */
export const allowlistEntries = pgTable(
  'allowlist_entries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    itemId: uuid('item_id')
      .notNull()
      .references(() => items.id),
    reason: text('reason').notNull(),
    status: allowlistStatus('status').notNull().default('active'),
    grantedBy: uuid('granted_by').references(() => users.id),
    grantedAt: timestamp('granted_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    revokedBy: uuid('revoked_by').references(() => users.id),
    /** The client member who approved or refused a pending entry, when, and (for a refusal) why. */
    decidedBy: uuid('decided_by').references(() => users.id),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    decisionReason: text('decision_reason'),
    breakGlassId: uuid('break_glass_id').references((): AnyPgColumn => breakGlassGrants.id),
  },
  (t) => [
    index('allowlist_entries_item_user_idx').on(t.itemId, t.userId),
    index('allowlist_entries_user_idx').on(t.userId),
    // Seen by the holder, administrators and the item's owning client. Granted by an administrator to someone else
    // (pending when the client requires approval), seeded by the item's author or lead, or taken by an admin inside
    // their own open break-glass; a pending grant decided by the owning client; revoked by administrators.
    pgPolicy('allowlist_view', {
      for: 'select',
      to: appRole,
      using: sql`user_id = (select app_user_id()) or (select app_is_admin()) or app_owner_client_of_item(item_id)`,
    }),
    pgPolicy('allowlist_grant', {
      for: 'insert',
      to: appRole,
      withCheck: sql`((select app_is_admin()) and user_id <> (select app_user_id()) and granted_by = (select app_user_id())
          and break_glass_id is null and (status = 'pending' or not app_item_requires_approval(item_id)))
        or (status = 'active' and break_glass_id is null and granted_by = (select app_user_id()) and app_may_seed_allowlist(item_id))
        or (status = 'active' and user_id = (select app_user_id()) and granted_by is null and break_glass_id is not null
          and app_break_glass_open(break_glass_id, app_item_project(item_id)))`,
    }),
    pgPolicy('allowlist_decide', {
      for: 'update',
      to: appRole,
      using: sql`status = 'pending' and app_owner_client_of_item(item_id)`,
      withCheck: sql`status in ('active', 'refused') and decided_by = (select app_user_id()) and app_owner_client_of_item(item_id)`,
    }),
    pgPolicy('allowlist_revoke', {
      for: 'update',
      to: appRole,
      using: sql`(select app_is_admin())`,
      withCheck: sql`(select app_is_admin())`,
    }),
  ],
);

/**
 * Break-glass (docs/product.md §14): in a deployment with a single active admin, that admin's own time-boxed access to
 * one project (at most 24 hours), with a reason; the owning client is told at once. The access itself is ordinary
 * membership and allowlist rows carrying this id, revoked when it ends.
 */
export const breakGlassGrants = pgTable(
  'break_glass_grants',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id),
    reason: text('reason').notNull(),
    scopes: text('scopes')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    endedAt: timestamp('ended_at', { withTimezone: true }),
  },
  (t) => [
    index('break_glass_grants_user_idx').on(t.userId, t.expiresAt),
    // Opened by the single active administrator for themselves; ended by them; seen by them, administrators and the
    // project's owning client.
    pgPolicy('break_glass_view', {
      for: 'select',
      to: appRole,
      using: sql`user_id = (select app_user_id()) or (select app_is_admin()) or app_owner_client_of(project_id)`,
    }),
    pgPolicy('break_glass_open', {
      for: 'insert',
      to: appRole,
      withCheck: sql`user_id = (select app_user_id()) and (select app_is_admin()) and app_single_admin() and ended_at is null`,
    }),
    pgPolicy('break_glass_end', {
      for: 'update',
      to: appRole,
      using: sql`user_id = (select app_user_id()) and (select app_is_admin())`,
      withCheck: sql`user_id = (select app_user_id())`,
    }),
  ],
);
