import { index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { authorizationKind } from './enums';
import { clientAccounts, projects } from './clients';
import { users } from './users';

/** A client's signed written permission for public use; the exact signed text is kept with its SHA-256. */
export const authorizations = pgTable(
  'authorizations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    clientAccountId: uuid('client_account_id')
      .notNull()
      .references(() => clientAccounts.id),
    projectId: uuid('project_id').references(() => projects.id),
    kind: authorizationKind('kind').notNull(),
    publicTitle: text('public_title').notNull(),
    publicSummary: text('public_summary').notNull(),
    signedText: text('signed_text').notNull(),
    signedTextSha256: text('signed_text_sha256').notNull(),
    signerUserId: uuid('signer_user_id').references(() => users.id),
    signerName: text('signer_name').notNull(),
    signedAt: timestamp('signed_at', { withTimezone: true }).notNull(),
    ip: text('ip'),
    userAgent: text('user_agent'),
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [index('authorizations_project_kind_idx').on(t.projectId, t.kind)],
);
