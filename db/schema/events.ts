import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgEnum,
  pgPolicy,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { GUEST_STATUSES, NEEDS_CONSENT_DECISIONS } from '../../lib/vocabulary';
import type { Sealed } from '../../lib/crypto/envelope';
import { projects } from './clients';
import { allowlistStatus } from './enums';
import { appRole } from './roles';
import { users } from './users';

/*
 * Events of a project (issue 14, docs/product.md §12): a launch, a shoot, a dinner, with its guest list.
 *
 * The rule, restated here by row-level security (helpers in the events migration):
 * - staff with the `logistics` scope (or the lead) on the project, on a valid NDA, manage the event and its guests;
 * - the owning client sees everything about their events;
 * - the venue, access and security arrangements, and guests' dietary and accessibility needs, are high-risk:
 *   sealed at rest, opened only for the event's allowlist (who must also manage the event) and the owning client;
 * - a guest holding their RSVP link reaches only their own invitation and the event's public part: the link's
 *   hash is bound for the transaction (app.credential, lib/dal/auth/bind-credential.ts), never a user id.
 */

const manages = (eventId: unknown) => sql`(select app_event_manager(${eventId}))`;
const owns = (eventId: unknown) => sql`app_event_owner(${eventId})`;
const allowlisted = (eventId: unknown) => sql`(app_event_manager(${eventId}) and app_event_allowlisted(${eventId}))`;

export const events = pgTable(
  'events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id),
    name: text('name').notNull(),
    /** The start, as an instant; `timeZone` (IANA) is how it is shown. */
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    timeZone: text('time_zone').notNull(),
    /** What an invited guest reads on their RSVP page: never the client's real name where they ask for none. */
    publicDescription: text('public_description').notNull(),
    /** Guests' needs are deleted this many days after the event by the retention run. */
    needsRetentionDays: integer('needs_retention_days').notNull().default(30),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('events_project_idx').on(t.projectId, t.startsAt),
    check('events_retention_days', sql`${t.needsRetentionDays} between 0 and 3650`),
    // By the project, not the event id: a new row is checked (INSERT … RETURNING) before a lookup by its id could see
    // it.
    pgPolicy('events_view', {
      for: 'select',
      to: appRole,
      using: sql`app_project_event_manager(${t.projectId}) or app_project_event_owner(${t.projectId}) or ${t.id} = app_rsvp_event()`,
    }),
    pgPolicy('events_create', {
      for: 'insert',
      to: appRole,
      withCheck: sql`app_project_event_manager(${t.projectId}) and ${t.createdBy} = (select app_user_id())`,
    }),
    pgPolicy('events_edit', {
      for: 'update',
      to: appRole,
      using: sql`app_project_event_manager(${t.projectId})`,
      withCheck: sql`app_project_event_manager(${t.projectId})`,
    }),
  ],
);

/** The high-risk part of an event: venue, access details, security arrangements, sealed as `{ venue, access, security }`. */
export const eventVenues = pgTable(
  'event_venues',
  {
    eventId: uuid('event_id')
      .primaryKey()
      .references(() => events.id),
    sealed: jsonb('sealed').$type<Sealed>().notNull(),
    keyId: text('key_id').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('event_venues_key_id_idx').on(t.keyId),
    pgPolicy('event_venues_view', {
      for: 'select',
      to: appRole,
      using: sql`${allowlisted(t.eventId)} or ${owns(t.eventId)}`,
    }),
    pgPolicy('event_venues_write', { for: 'insert', to: appRole, withCheck: allowlisted(t.eventId) }),
    pgPolicy('event_venues_edit', {
      for: 'update',
      to: appRole,
      using: allowlisted(t.eventId),
      withCheck: allowlisted(t.eventId),
    }),
  ],
);

/**
 * Who may open an event's high-risk part and its guests' needs (besides the owning client), like an item allowlist.
 * Granted by an admin or the project's lead (the event page); when the owning client requires approval of
 * high-risk access, the entry is `pending` and opens nothing until a member of the client approves it.
 */
export const eventAllowlist = pgTable(
  'event_allowlist',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    eventId: uuid('event_id')
      .notNull()
      .references(() => events.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    reason: text('reason').notNull(),
    /** Null for the event's creator, seeded at creation; otherwise the admin or lead who granted it. */
    grantedBy: uuid('granted_by').references(() => users.id),
    grantedAt: timestamp('granted_at', { withTimezone: true }).notNull().defaultNow(),
    status: allowlistStatus('status').notNull().default('active'),
    decidedBy: uuid('decided_by').references(() => users.id),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    revokedBy: uuid('revoked_by').references(() => users.id),
  },
  (t) => [
    index('event_allowlist_event_user_idx').on(t.eventId, t.userId),
    check('event_allowlist_not_self_granted', sql`${t.grantedBy} is distinct from ${t.userId}`),
    pgPolicy('event_allowlist_view', {
      for: 'select',
      to: appRole,
      using: sql`${t.userId} = (select app_user_id()) or (select app_is_admin()) or ${manages(t.eventId)} or ${owns(t.eventId)}`,
    }),
    pgPolicy('event_allowlist_grant', {
      for: 'insert',
      to: appRole,
      withCheck: sql`(((select app_is_admin()) or app_event_lead(${t.eventId})) and ${t.grantedBy} = (select app_user_id()))
        or (${t.grantedBy} is null and ${t.userId} = (select app_user_id()) and ${t.status} = 'active' and app_event_creator(${t.eventId}))`,
    }),
    // Revoking (admin or lead) and the owning client's decision on a pending entry; the guard trigger of migration
    // 0036 lets only the status (pending → active/refused, once) and the revocation (once) change.
    pgPolicy('event_allowlist_revoke', {
      for: 'update',
      to: appRole,
      using: sql`(select app_is_admin()) or app_event_lead(${t.eventId})`,
      withCheck: sql`(select app_is_admin()) or app_event_lead(${t.eventId})`,
    }),
    pgPolicy('event_allowlist_decide', {
      for: 'update',
      to: appRole,
      using: sql`${t.status} = 'pending' and ${owns(t.eventId)}`,
      withCheck: owns(t.eventId),
    }),
  ],
);

export const guestStatus = pgEnum('guest_status', GUEST_STATUSES);

/**
 * A guest of an event. The RSVP link's token is kept only as its SHA-256 and stops working a day after the event.
 * `hasNeeds` lets the door list say "has needs" without opening them.
 */
export const guests = pgTable(
  'guests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    eventId: uuid('event_id')
      .notNull()
      .references(() => events.id),
    name: text('name').notNull(),
    email: text('email').notNull(),
    plusOnes: integer('plus_ones').notNull().default(0),
    status: guestStatus('status').notNull().default('invited'),
    tokenHash: text('token_hash'),
    tokenExpiresAt: timestamp('token_expires_at', { withTimezone: true }),
    hasNeeds: boolean('has_needs').notNull().default(false),
    invitedAt: timestamp('invited_at', { withTimezone: true }),
    respondedAt: timestamp('responded_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('guests_event_idx').on(t.eventId, t.name),
    index('guests_email_idx').on(sql`lower(${t.email})`),
    uniqueIndex('guests_token_key').on(t.tokenHash),
    check('guests_plus_ones', sql`${t.plusOnes} between 0 and 20`),
    pgPolicy('guests_view', {
      for: 'select',
      to: appRole,
      using: sql`${manages(t.eventId)} or ${owns(t.eventId)} or ${t.id} = app_rsvp_guest()`,
    }),
    pgPolicy('guests_invite', { for: 'insert', to: appRole, withCheck: manages(t.eventId) }),
    pgPolicy('guests_edit', {
      for: 'update',
      to: appRole,
      using: sql`${manages(t.eventId)} or ${t.id} = app_rsvp_guest()`,
      withCheck: sql`${manages(t.eventId)} or ${t.id} = app_rsvp_guest()`,
    }),
  ],
);

/** A guest's dietary and accessibility needs, sealed; given by the guest with consent, withdrawn by deleting the row. */
export const guestNeeds = pgTable(
  'guest_needs',
  {
    guestId: uuid('guest_id')
      .primaryKey()
      .references(() => guests.id),
    eventId: uuid('event_id')
      .notNull()
      .references(() => events.id),
    sealed: jsonb('sealed').$type<Sealed>().notNull(),
    keyId: text('key_id').notNull(),
    givenAt: timestamp('given_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('guest_needs_event_idx').on(t.eventId),
    index('guest_needs_key_id_idx').on(t.keyId),
    pgPolicy('guest_needs_view', {
      for: 'select',
      to: appRole,
      using: sql`${allowlisted(t.eventId)} or ${owns(t.eventId)} or ${t.guestId} = app_rsvp_guest()`,
    }),
    pgPolicy('guest_needs_give', {
      for: 'insert',
      to: appRole,
      withCheck: sql`${t.guestId} = app_rsvp_guest() and ${t.eventId} = app_rsvp_event()`,
    }),
    pgPolicy('guest_needs_change', {
      for: 'update',
      to: appRole,
      using: sql`${t.guestId} = app_rsvp_guest()`,
      withCheck: sql`${t.guestId} = app_rsvp_guest() and ${t.eventId} = app_rsvp_event()`,
    }),
    pgPolicy('guest_needs_withdraw', { for: 'delete', to: appRole, using: sql`${t.guestId} = app_rsvp_guest()` }),
  ],
);

export const needsConsentDecision = pgEnum('needs_consent_decision', NEEDS_CONSENT_DECISIONS);

/** Append-only: every consent to (and withdrawal of) the use of a guest's needs, with the notice they were shown. */
export const guestNeedConsents = pgTable(
  'guest_need_consents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    guestId: uuid('guest_id')
      .notNull()
      .references(() => guests.id),
    eventId: uuid('event_id')
      .notNull()
      .references(() => events.id),
    decision: needsConsentDecision('decision').notNull(),
    noticeVersion: text('notice_version').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('guest_need_consents_guest_idx').on(t.guestId, t.createdAt),
    pgPolicy('guest_need_consents_view', {
      for: 'select',
      to: appRole,
      using: sql`${manages(t.eventId)} or ${owns(t.eventId)} or ${t.guestId} = app_rsvp_guest()`,
    }),
    pgPolicy('guest_need_consents_record', {
      for: 'insert',
      to: appRole,
      withCheck: sql`${t.guestId} = app_rsvp_guest() and ${t.eventId} = app_rsvp_event()`,
    }),
  ],
);

/** Attendance: one row per check-in at the door (append-only), by the staff member who checked the guest in. */
export const guestCheckIns = pgTable(
  'guest_check_ins',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    guestId: uuid('guest_id')
      .notNull()
      .references(() => guests.id),
    eventId: uuid('event_id')
      .notNull()
      .references(() => events.id),
    checkedInBy: uuid('checked_in_by')
      .notNull()
      .references(() => users.id),
    checkedInAt: timestamp('checked_in_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('guest_check_ins_guest_key').on(t.guestId),
    index('guest_check_ins_event_idx').on(t.eventId),
    pgPolicy('guest_check_ins_view', {
      for: 'select',
      to: appRole,
      using: sql`${manages(t.eventId)} or ${owns(t.eventId)}`,
    }),
    pgPolicy('guest_check_ins_record', {
      for: 'insert',
      to: appRole,
      withCheck: sql`${manages(t.eventId)} and ${t.checkedInBy} = (select app_user_id())`,
    }),
  ],
);
