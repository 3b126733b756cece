import { sql } from 'drizzle-orm';
import {
  check,
  index,
  jsonb,
  pgEnum,
  pgPolicy,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { PROFILE_FIELDS, PROFILE_VISIBILITIES } from '../../lib/vocabulary';
import type { Sealed } from '../../lib/crypto/envelope';
import { clientAccounts, projects } from './clients';
import { appRole } from './roles';
import { users } from './users';

/*
 * Creator, talent and contractor profiles (issue 14, docs/product.md §12). Who may read which field is decided by
 * lib/authz/profiles.ts (`profile.view`); the policies below restate it through `app_profile_tier()` (migration
 * 0025, hand-written): 'all' for the person and the agency people cleared for them, 'staffing' for agency staff
 * reading a contractor, 'brand' for a brand a proposed shortlist names the person to, 'none' otherwise.
 */

/** Each field's visibility, the person's choice: private (cleared agency people), brand (when proposed), public. */
export const profileVisibility = pgEnum('profile_visibility', PROFILE_VISIBILITIES);
export const profileFieldName = pgEnum('profile_field', PROFILE_FIELDS);

/** One person's profile: a talent or creator (a client user of a talent account) or a contractor. */
export const profiles = pgTable(
  'profiles',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    /** The public page's address (/profiles/<slug>): random, so it names nobody. */
    slug: text('slug').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('profiles_user_key').on(t.userId),
    uniqueIndex('profiles_slug_key').on(t.slug),
    // The row says only that a profile exists: shown to whoever may see at least one of its fields.
    pgPolicy('profiles_view', {
      for: 'select',
      to: appRole,
      using: sql`${t.userId} = (select app_user_id()) or app_profile_tier(${t.userId}) <> 'none' or app_profile_public(${t.userId})`,
    }),
    pgPolicy('profiles_own_insert', {
      for: 'insert',
      to: appRole,
      withCheck: sql`${t.userId} = (select app_user_id()) and app_profile_holder(${t.userId})`,
    }),
    pgPolicy('profiles_own_update', {
      for: 'update',
      to: appRole,
      using: sql`${t.userId} = (select app_user_id())`,
      withCheck: sql`${t.userId} = (select app_user_id())`,
    }),
  ],
);

/**
 * One field of a profile. Rates, date of birth and contact details are high-risk: sealed (lib/crypto envelope
 * bound to `profile-field:<profileId>:<field>`), no plaintext beside them. Rates, location, date of birth and
 * contact details can never be public (policy and constraint).
 */
export const profileFields = pgTable(
  'profile_fields',
  {
    profileId: uuid('profile_id')
      .notNull()
      .references(() => profiles.id),
    /** The person the field is about (the profile's user), so the policies read it without a join. */
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    field: profileFieldName('field').notNull(),
    value: text('value'),
    sealed: jsonb('sealed').$type<Sealed>(),
    keyId: text('key_id'),
    visibility: profileVisibility('visibility').notNull().default('private'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.profileId, t.field] }),
    index('profile_fields_user_idx').on(t.userId),
    check(
      'profile_fields_never_public',
      sql`not (${t.visibility} = 'public' and ${t.field} in ('rates', 'location', 'date_of_birth', 'contact'))`,
    ),
    check(
      'profile_fields_sealed_form',
      sql`case when ${t.field} in ('rates', 'date_of_birth', 'contact') then ${t.sealed} is not null and ${t.value} is null else ${t.sealed} is null and ${t.value} is not null end`,
    ),
    check('profile_fields_key_id', sql`(${t.keyId} is null) = (${t.sealed} is null)`),
    pgPolicy('profile_fields_view', {
      for: 'select',
      to: appRole,
      using: sql`${t.userId} = (select app_user_id())
        or app_profile_tier(${t.userId}) = 'all'
        or (app_profile_tier(${t.userId}) = 'staffing' and (${t.field} in ('display_name', 'experience', 'skills') or (${t.visibility} = 'public' and app_profile_public(${t.userId}))))
        or (app_profile_tier(${t.userId}) = 'brand' and ${t.visibility} in ('brand', 'public'))
        or (${t.visibility} = 'public' and app_profile_public(${t.userId}))`,
    }),
    pgPolicy('profile_fields_own_insert', {
      for: 'insert',
      to: appRole,
      withCheck: sql`${t.userId} = (select app_user_id())`,
    }),
    pgPolicy('profile_fields_own_update', {
      for: 'update',
      to: appRole,
      using: sql`${t.userId} = (select app_user_id())`,
      withCheck: sql`${t.userId} = (select app_user_id())`,
    }),
    pgPolicy('profile_fields_own_delete', {
      for: 'delete',
      to: appRole,
      using: sql`${t.userId} = (select app_user_id()) or (select app_is_admin())`,
    }),
  ],
);

/**
 * The consent record of every visibility change the person made to a field (append-only: no UPDATE or DELETE
 * for the application), with the notice version they were shown. Withdrawals are recorded too.
 */
export const profileConsents = pgTable(
  'profile_consents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    profileId: uuid('profile_id')
      .notNull()
      .references(() => profiles.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    field: profileFieldName('field').notNull(),
    previousVisibility: profileVisibility('previous_visibility').notNull(),
    visibility: profileVisibility('visibility').notNull(),
    noticeVersion: text('notice_version').notNull(),
    ip: text('ip'),
    userAgent: text('user_agent'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('profile_consents_user_idx').on(t.userId, t.createdAt),
    check(
      'profile_consents_never_public',
      sql`not (${t.visibility} = 'public' and ${t.field} in ('rates', 'location', 'date_of_birth', 'contact'))`,
    ),
    pgPolicy('profile_consents_view', {
      for: 'select',
      to: appRole,
      using: sql`${t.userId} = (select app_user_id()) or (select app_is_admin())`,
    }),
    pgPolicy('profile_consents_record', {
      for: 'insert',
      to: appRole,
      withCheck: sql`${t.userId} = (select app_user_id())`,
    }),
  ],
);

/** Staff propose creators to a brand for a campaign; once proposed, the brand's members see the entries. */
export const shortlists = pgTable(
  'shortlists',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    brandAccountId: uuid('brand_account_id')
      .notNull()
      .references(() => clientAccounts.id),
    projectId: uuid('project_id').references(() => projects.id),
    campaign: text('campaign').notNull(),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    proposedAt: timestamp('proposed_at', { withTimezone: true }),
    /** The whole shortlist withdrawn by its author: the brand no longer sees it or anyone on it. */
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
  },
  (t) => [
    index('shortlists_brand_idx').on(t.brandAccountId),
    index('shortlists_created_by_idx').on(t.createdBy),
    pgPolicy('shortlists_view', {
      for: 'select',
      to: appRole,
      // The author; once proposed, the people it names (their history) and, until withdrawn, the brand's members.
      using: sql`${t.createdBy} = (select app_user_id()) or (${t.proposedAt} is not null and (app_shortlist_names_actor(${t.id}) or (${t.withdrawnAt} is null and app_client_member_of(${t.brandAccountId}))))`,
    }),
    pgPolicy('shortlists_create', {
      for: 'insert',
      to: appRole,
      withCheck: sql`${t.createdBy} = (select app_user_id()) and (select app_user_role()) = 'staff' and ${t.proposedAt} is null and app_is_brand_account(${t.brandAccountId})`,
    }),
    pgPolicy('shortlists_propose', {
      for: 'update',
      to: appRole,
      using: sql`${t.createdBy} = (select app_user_id()) and (select app_user_role()) = 'staff'`,
      withCheck: sql`${t.createdBy} = (select app_user_id()) and (select app_user_role()) = 'staff'`,
    }),
  ],
);

/** A creator on a shortlist. `userId` is the creator (the profile's person): they see their own entries. */
export const shortlistEntries = pgTable(
  'shortlist_entries',
  {
    shortlistId: uuid('shortlist_id')
      .notNull()
      .references(() => shortlists.id),
    profileId: uuid('profile_id')
      .notNull()
      .references(() => profiles.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    addedBy: uuid('added_by')
      .notNull()
      .references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    /** Withdrawn by the shortlist's author or by the creator: the brand stops seeing the creator at once. */
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
    withdrawnBy: uuid('withdrawn_by').references(() => users.id),
  },
  (t) => [
    primaryKey({ columns: [t.shortlistId, t.profileId] }),
    index('shortlist_entries_user_idx').on(t.userId),
    pgPolicy('shortlist_entries_view', {
      for: 'select',
      to: appRole,
      // The creator and the author always (history); the brand only while neither the entry nor the list is withdrawn.
      using: sql`${t.userId} = (select app_user_id()) or app_shortlist_of_actor(${t.shortlistId}) or (${t.withdrawnAt} is null and app_shortlist_visible(${t.shortlistId}))`,
    }),
    // Only the shortlist's author, before it is proposed, and only creators they are cleared for.
    pgPolicy('shortlist_entries_add', {
      for: 'insert',
      to: appRole,
      withCheck: sql`${t.addedBy} = (select app_user_id()) and app_shortlist_draft_of_actor(${t.shortlistId}) and app_profile_tier(${t.userId}) = 'all'`,
    }),
    pgPolicy('shortlist_entries_remove', {
      for: 'delete',
      to: appRole,
      using: sql`app_shortlist_draft_of_actor(${t.shortlistId})`,
    }),
    // Withdrawal by the author or the creator; the guard trigger of migration 0036 lets only withdrawn_at/by change,
    // once.
    pgPolicy('shortlist_entries_withdraw', {
      for: 'update',
      to: appRole,
      using: sql`${t.userId} = (select app_user_id()) or app_shortlist_of_actor(${t.shortlistId})`,
      withCheck: sql`${t.withdrawnBy} = (select app_user_id()) and (${t.userId} = (select app_user_id()) or app_shortlist_of_actor(${t.shortlistId}))`,
    }),
  ],
);
