import { sql } from 'drizzle-orm';
import {
  boolean,
  date,
  index,
  pgPolicy,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { clientKind, projectStatus } from './enums';
import { appRole } from './roles';
import { users } from './users';
import { sessionSeesProject } from '../../lib/authz/predicates';

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
  (t) => [
    uniqueIndex('client_accounts_codename_key').on(t.codename),
    // Row-level security: the account's row (its real name) only for people connected to it: administrators, its
    // members, the client members and active agency members of a project it owns or is counterparty to, and those
    // asked to sign or holding an NDA for it (app_connected_to_account). Which of them may see the real name rather
    // than the codename is the application's rule (project.view_identity) and the directory views'. Created by an
    // administrator; its settings changed by an administrator or its own members. Never deleted.
    pgPolicy('client_accounts_view', {
      for: 'select',
      to: appRole,
      using: sql`(select app_is_admin()) or app_connected_to_account(id)`,
    }),
    pgPolicy('client_accounts_create', { for: 'insert', to: appRole, withCheck: sql`(select app_is_admin())` }),
    pgPolicy('client_accounts_settings', {
      for: 'update',
      to: appRole,
      using: sql`(select app_is_admin()) or app_client_member_of(id)`,
      withCheck: sql`(select app_is_admin()) or app_client_member_of(id)`,
    }),
  ],
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
    // Who belongs to a client: the member themselves (also their session's own lookup), administrators, and people
    // connected to the account. Added by an administrator or by accepting the invitation in hand; removed by erasure.
    pgPolicy('client_account_members_view', {
      for: 'select',
      to: appRole,
      using: sql`user_id = (select app_subject()) or (select app_is_admin()) or app_connected_to_account(client_account_id)`,
    }),
    pgPolicy('client_account_members_add', {
      for: 'insert',
      to: appRole,
      withCheck: sql`(select app_is_admin()) or app_invitation_member(user_id, client_account_id)`,
    }),
    pgPolicy('client_account_members_remove', { for: 'delete', to: appRole, using: sql`(select app_is_admin())` }),
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
    // Row-level security. Seen by an agency person with an active membership and an NDA covering its client, and by
    // the members of its owning or counterparty client (the rule's text: lib/authz/predicates.ts, shared with the
    // twin lib/authz/sql.ts). Created by an administrator; never updated or deleted by the application role.
    pgPolicy('projects_view', { for: 'select', to: appRole, using: sessionSeesProject }),
    pgPolicy('projects_create', { for: 'insert', to: appRole, withCheck: sql`(select app_is_admin())` }),
  ],
);
