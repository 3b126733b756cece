import { sql } from 'drizzle-orm';
import { bigint, boolean, check, index, jsonb, pgPolicy, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { Sealed } from '../../lib/crypto/envelope';
import { itemCategory, itemClassification } from './enums';
import { projects } from './clients';
import { users } from './users';
import { sessionReadsItem } from '../../lib/authz/predicates';
import { appRole } from './roles';

/**
 * A piece of confidential project data. `ref` is the public-safe reference used where the title may not show.
 *
 * High-risk items and credentials keep no plaintext: `title` and `body` are null and `sealed` holds the
 * envelope (lib/crypto/envelope.ts) of `{ title, body }`, bound to `item:<id>`. A credentials item's secret
 * value lives apart in `secretSealed` (bound to `item-secret:<id>`), so showing the item never decrypts it.
 * `keyId` names the master key wrapping every envelope of the row: key rotation selects rows by it.
 */
export const items = pgTable(
  'items',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    ref: bigint('ref', { mode: 'number' }).generatedAlwaysAsIdentity().notNull(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => projects.id),
    category: itemCategory('category').notNull(),
    classification: itemClassification('classification').notNull().default('confidential'),
    sharedWithCounterparty: boolean('shared_with_counterparty').notNull().default(false),
    /**
     * Files on this item may be downloaded (true) or only viewed (false), set by the lead (issue 13). When an
     * insert leaves it out, a trigger sets it: view-only for high-risk items and client hand-overs, download
     * otherwise (migration 0025), so no create path can forget it.
     */
    filesDownloadable: boolean('files_downloadable')
      .notNull()
      .default(sql`null`),
    title: text('title'),
    body: text('body'),
    sealed: jsonb('sealed').$type<Sealed>(),
    secretSealed: jsonb('secret_sealed').$type<Sealed>(),
    keyId: text('key_id'),
    authorId: uuid('author_id')
      .notNull()
      .references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('items_project_category_idx').on(t.projectId, t.category),
    index('items_key_id_idx').on(t.keyId),
    // Content is in exactly one form: plaintext, or sealed with no plaintext left beside it.
    check(
      'items_content_form',
      sql`(${t.sealed} is null and ${t.title} is not null and ${t.body} is not null) or (${t.sealed} is not null and ${t.title} is null and ${t.body} is null)`,
    ),
    // Every envelope of a row is under the master key the row names.
    check('items_key_id', sql`(${t.keyId} is null) = (${t.sealed} is null and ${t.secretSealed} is null)`),
    // Row-level security (policy.ts `item.read`, `item.create`, `item.edit`, `item.classify`). Read: the rule of
    // lib/authz/predicates.ts, shared with the twin. Created as oneself by someone with agency standing in the
    // category's scope, or by the owning client handing over a high-risk item of the categories clients may hand
    // over. Edited by a reader who is its author or an active lead, or through the owning client's approved change
    // (migration 0022's trigger keeps classification and sharing to the lead and the client's approval).
    pgPolicy('items_read', { for: 'select', to: appRole, using: sessionReadsItem }),
    pgPolicy('items_create', {
      for: 'insert',
      to: appRole,
      withCheck: sql`items.author_id = (select app_user_id()) and (
        app_agency_standing(items.project_id, items.category::text)
        or ((select app_user_role()) = 'client' and items.category in ('logistics', 'creative', 'credentials')
          and items.classification = 'high_risk' and app_owner_client_of(items.project_id)))`,
    }),
    pgPolicy('items_update', {
      for: 'update',
      to: appRole,
      using: sql`(${sessionReadsItem} and (items.author_id = (select app_user_id()) or app_active_lead_of(items.project_id)))
        or app_handover_change_approved(items.id)`,
      withCheck: sql`items.author_id = (select app_user_id()) or app_active_lead_of(items.project_id) or app_handover_change_approved(items.id)`,
    }),
  ],
);
