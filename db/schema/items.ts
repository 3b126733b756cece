import { sql } from 'drizzle-orm';
import { bigint, boolean, check, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { Sealed } from '../../lib/crypto/envelope';
import { itemCategory, itemClassification } from './enums';
import { projects } from './clients';
import { users } from './users';

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
    filesDownloadable: boolean('files_downloadable').notNull().default(sql`null`),
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
  ],
);
