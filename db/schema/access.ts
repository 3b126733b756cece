import { sql } from 'drizzle-orm';
import { index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { allowlistStatus, membershipRole } from './enums';
import { clientAccounts, projects } from './clients';
import { items } from './items';
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
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('nda_versions_title_version_key').on(t.title, t.version)],
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
    recordedBy: uuid('recorded_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('nda_signatures_user_idx').on(t.userId, t.clientAccountId)],
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
    scopes: text('scopes').array().notNull().default(sql`'{}'::text[]`),
    ndaSignatureId: uuid('nda_signature_id').references(() => ndaSignatures.id),
    grantedBy: uuid('granted_by').references(() => users.id),
    grantedAt: timestamp('granted_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    revokedBy: uuid('revoked_by').references(() => users.id),
  },
  (t) => [
    index('memberships_user_project_idx').on(t.userId, t.projectId),
    index('memberships_project_idx').on(t.projectId),
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
  },
  (t) => [
    index('allowlist_entries_item_user_idx').on(t.itemId, t.userId),
    index('allowlist_entries_user_idx').on(t.userId),
  ],
);
