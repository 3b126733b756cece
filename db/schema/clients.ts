import { boolean, date, index, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { clientKind, projectStatus } from './enums';
import { users } from './users';

/** A talent or a brand. `name` is the real identity; everyone without the identity scope sees `codename`. */
export const clientAccounts = pgTable(
  'client_accounts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: clientKind('kind').notNull(),
    name: text('name').notNull(),
    codename: text('codename').notNull(),
    /** Mirrors the client's latest signed zero-public-association record (authorizations), for fast filtering. */
    zeroPublicAssociation: boolean('zero_public_association').notNull().default(false),
    /** When on, a high-risk allowlist grant stays pending until a member of this account approves it. */
    requiresHighRiskApproval: boolean('requires_high_risk_approval').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('client_accounts_codename_key').on(t.codename)],
);

export const clientAccountMembers = pgTable(
  'client_account_members',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    clientAccountId: uuid('client_account_id')
      .notNull()
      .references(() => clientAccounts.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.clientAccountId] }),
    index('client_account_members_account_idx').on(t.clientAccountId),
  ],
);

export const projects = pgTable(
  'projects',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    codename: text('codename').notNull(),
    clientAccountId: uuid('client_account_id')
      .notNull()
      .references(() => clientAccounts.id),
    counterpartyAccountId: uuid('counterparty_account_id').references(() => clientAccounts.id),
    status: projectStatus('status').notNull().default('active'),
    startsOn: date('starts_on'),
    endsOn: date('ends_on'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('projects_codename_key').on(t.codename),
    index('projects_client_idx').on(t.clientAccountId),
    index('projects_counterparty_idx').on(t.counterpartyAccountId),
  ],
);
