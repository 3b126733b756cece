import { sql } from 'drizzle-orm';
import { boolean, check, index, pgPolicy, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { HOME_JURISDICTION } from '../../lib/vocabulary';
import {
  DATA_CATEGORIES,
  DISCLOSURE_SOURCES,
  INSTRUMENTS,
  LAWFUL_BASES,
  RECIPIENT_KINDS,
  TRANSFER_SAFEGUARDS,
  type DataCategory,
  type DisclosureSource,
  type Instrument,
  type LawfulBasis,
  type RecipientKind,
  type TransferSafeguard,
} from '../../lib/vocabulary';
import { clientAccounts, projects } from './clients';
import { appRole } from './roles';
import { users } from './users';

/*
 * The disclosure register (issue 15 points 1-3, docs/product.md §13): every time a client's data leaves the agency — to
 * a service provider, a platform, the counterparty brand, an adviser, a contractor firm or an authority — one row
 * says to whom, where, what (data categories, items and files by reference, never titles), why, on what basis,
 * under which transfer safeguard, who approved it and when. Sharing an item with the counterparty writes its row
 * itself (the items trigger of migration 0038), in the transaction that shares it.
 *
 * Legal disclosures carry their instrument; when the law forbids telling the person (`gagged`), the row is hidden
 * from the client — by the policy below, so by every query — until `gag_until` passes or an admin lifts the gag.
 */

const list = (values: readonly string[]) => sql.raw(`array[${values.map((v) => `'${v}'`).join(', ')}]::text[]`);
const oneOf = (column: unknown, values: readonly string[]) => sql`${column} = any(${list(values)})`;

/** The row as the client may see it: not gagged, or the gag lifted by an admin or by its date. */
export const DISCLOSURE_NOT_WITHHELD = sql.raw(
  `(not gagged or gag_lifted_at is not null or (gag_until is not null and gag_until <= now()))`,
);

export const disclosures = pgTable(
  'disclosures',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** vendor | platform | brand_partner | adviser | contractor_firm | authority (lib/disclosures/vocabulary.ts). */
    recipientKind: text('recipient_kind').$type<RecipientKind>().notNull(),
    /** As recorded; for a brand partner that is a client account, its codename (its real name is read where allowed). */
    recipientName: text('recipient_name').notNull(),
    /** The brand's client account, when the recipient is one (a counterparty share). */
    recipientAccountId: uuid('recipient_account_id').references(() => clientAccounts.id),
    /** ISO 3166-1 alpha-2; null when not recorded (a counterparty brand's country is not held). */
    country: text('country'),
    /** Whose data: the client account the disclosure is about. */
    clientAccountId: uuid('client_account_id')
      .notNull()
      .references(() => clientAccounts.id),
    projectId: uuid('project_id').references(() => projects.id),
    dataCategories: text('data_categories').array().$type<DataCategory[]>().notNull(),
    /** Items and files by reference (ids): a title is content and never stored here. */
    itemIds: uuid('item_ids')
      .array()
      .notNull()
      .default(sql`'{}'::uuid[]`),
    fileIds: uuid('file_ids')
      .array()
      .notNull()
      .default(sql`'{}'::uuid[]`),
    purpose: text('purpose').notNull(),
    lawfulBasis: text('lawful_basis').$type<LawfulBasis>().notNull(),
    /** Required when the recipient's country is outside the home jurisdiction (EEA, UK, Switzerland). */
    transferSafeguard: text('transfer_safeguard').$type<TransferSafeguard>(),
    /** Legal and protective disclosures: subpoena | court_order | lawful_request, with its reference. */
    instrument: text('instrument').$type<Instrument>(),
    instrumentReference: text('instrument_reference'),
    /** The law forbids telling the person, for now. */
    gagged: boolean('gagged').notNull().default(false),
    /** The gag ends by itself at this time (null: only an admin's decision lifts it). */
    gagUntil: timestamp('gag_until', { withTimezone: true }),
    gagLiftedAt: timestamp('gag_lifted_at', { withTimezone: true }),
    gagLiftedBy: uuid('gag_lifted_by').references(() => users.id),
    /** manual (an admin's record) | counterparty_share (written by the database when an item is shared). */
    source: text('source').$type<DisclosureSource>().notNull().default('manual'),
    /** Who approved the disclosure: the recording admin, or the lead (or client) who shared the item. */
    approvedBy: uuid('approved_by').references(() => users.id),
    disclosedAt: timestamp('disclosed_at', { withTimezone: true }).notNull().defaultNow(),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('disclosures_client_idx').on(t.clientAccountId, t.disclosedAt),
    index('disclosures_disclosed_idx').on(t.disclosedAt),
    check('disclosures_kind', oneOf(t.recipientKind, RECIPIENT_KINDS)),
    check('disclosures_basis', oneOf(t.lawfulBasis, LAWFUL_BASES)),
    check('disclosures_source', oneOf(t.source, DISCLOSURE_SOURCES)),
    check(
      'disclosures_categories',
      sql`cardinality(${t.dataCategories}) > 0 and ${t.dataCategories} <@ ${list(DATA_CATEGORIES)}`,
    ),
    check(
      'disclosures_safeguard_kind',
      sql`${t.transferSafeguard} is null or ${oneOf(t.transferSafeguard, TRANSFER_SAFEGUARDS)}`,
    ),
    check('disclosures_country', sql`${t.country} is null or ${t.country} ~ '^[A-Z]{2}$'`),
    // A recipient abroad needs a safeguard on record (privacy policy §10, §12.5).
    check(
      'disclosures_transfer_safeguard',
      sql`${t.country} is null or ${oneOf(t.country, HOME_JURISDICTION)} or ${t.transferSafeguard} is not null`,
    ),
    check(
      'disclosures_instrument',
      sql`(${t.instrument} is null or ${oneOf(t.instrument, INSTRUMENTS)}) and (${t.instrument} is null) = (${t.instrumentReference} is null)`,
    ),
    check('disclosures_authority_instrument', sql`${t.recipientKind} <> 'authority' or ${t.instrument} is not null`),
    // Only the law gags, so only a legal disclosure is gagged; a gag's end and its lifting belong to a gag.
    check(
      'disclosures_gag',
      sql`(${t.gagged} or (${t.gagUntil} is null and ${t.gagLiftedAt} is null)) and (not ${t.gagged} or ${t.instrument} is not null)
      and (${t.gagLiftedAt} is null) = (${t.gagLiftedBy} is null)`,
    ),
    check(
      'disclosures_text',
      sql`length(${t.recipientName}) between 1 and 200 and length(${t.purpose}) between 1 and 1000
      and (${t.instrumentReference} is null or length(${t.instrumentReference}) between 1 and 200)`,
    ),
    // The register: admins. The owning client reads the records about their data unless the law forbids it for now.
    pgPolicy('disclosures_view', {
      for: 'select',
      to: appRole,
      using: sql`(select app_is_admin()) or (app_client_member_of(client_account_id) and ${DISCLOSURE_NOT_WITHHELD})`,
    }),
    // Admins record disclosures in their own name (counterparty shares are written by the items trigger).
    pgPolicy('disclosures_record', {
      for: 'insert',
      to: appRole,
      withCheck: sql`(select app_is_admin()) and source = 'manual' and approved_by = (select app_user_id()) and gag_lifted_at is null`,
    }),
    // Lifting a gag, once, in the lifter's name; nothing else changes (disclosures_guard, migration 0038).
    pgPolicy('disclosures_lift_gag', {
      for: 'update',
      to: appRole,
      using: sql`(select app_is_admin()) and gagged and gag_lifted_at is null`,
      withCheck: sql`(select app_is_admin()) and gag_lifted_by = (select app_user_id())`,
    }),
  ],
).enableRLS();
