import { sql } from 'drizzle-orm';
import {
  bigint,
  check,
  customType,
  index,
  integer,
  jsonb,
  pgPolicy,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import type { Sealed } from '../../lib/crypto/envelope';
import { items } from './items';
import { appRole } from './roles';
import { users } from './users';

/*
 * Files attached to items (issue 13, docs/product.md §11). A file inherits its item's access: the read policies below
 * say "the item is visible", by a sub-select on `items`, which row-level security on `items` filters for the acting
 * user — so the file rule is the item rule, restated by reference and never out of step with it. Writes need
 * the item visible and the actor may upload there: agency people who read it (their scope), or a member of the
 * owning client on that client's own hand-over (an item a member of the owning client authored).
 *
 * Nothing here holds plaintext: the name is sealed (a passport scan's name says whose it is), the content is
 * encrypted in chunks (lib/files/chunk-crypto.ts) under a per-version data key sealed by the master key.
 */

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (value) => (Buffer.isBuffer(value) ? value : Buffer.from(value)),
});

/** The item is visible to the acting user (RLS on `items` applies inside the sub-select). */
const itemVisible = (itemId: unknown) => sql`exists (select 1 from items i where i.id = ${itemId})`;
/** The acting user may add or change files on the item (see above). */
const mayWrite = (itemId: unknown) =>
  sql`exists (select 1 from items i where i.id = ${itemId} and ((select app_user_role()) in ('admin', 'staff', 'contractor')
    or (app_owner_client_of_item(i.id) and app_item_is_handover(i.author_id, i.project_id))))`;

export const files = pgTable(
  'files',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    itemId: uuid('item_id')
      .notNull()
      .references(() => items.id, { onDelete: 'cascade' }),
    /** The file's name as uploaded, sealed and bound to `file-name:<id>` (lib/files/names.ts). */
    nameSealed: jsonb('name_sealed').$type<Sealed>().notNull(),
    /** The master key wrapping `name_sealed` (key rotation selects rows by it). */
    keyId: text('key_id').notNull(),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('files_item_idx').on(t.itemId),
    index('files_key_id_idx').on(t.keyId),
    pgPolicy('files_read', { for: 'select', to: appRole, using: itemVisible(t.itemId) }),
    pgPolicy('files_create', {
      for: 'insert',
      to: appRole,
      withCheck: sql`${mayWrite(t.itemId)} and ${t.createdBy} = (select app_user_id())`,
    }),
    pgPolicy('files_update', { for: 'update', to: appRole, using: mayWrite(t.itemId), withCheck: mayWrite(t.itemId) }),
    pgPolicy('files_delete', { for: 'delete', to: appRole, using: mayWrite(t.itemId) }),
  ],
).enableRLS();

/**
 * One uploaded version of a file (1, 2, ...). While `state` is 'uploading', `received` is the durable count of
 * plaintext bytes stored (a resumed upload continues there) and `hash_state` the sealed SHA-256 state after
 * them; at 'ready', `size` and `sha256` are final and checked on every read.
 */
export const fileVersions = pgTable(
  'file_versions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    fileId: uuid('file_id')
      .notNull()
      .references(() => files.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    state: text('state').$type<'uploading' | 'ready'>().notNull().default('uploading'),
    /** The size announced when the upload began (tus Upload-Length), if known. */
    declaredSize: bigint('declared_size', { mode: 'number' }),
    received: bigint('received', { mode: 'number' }).notNull().default(0),
    size: bigint('size', { mode: 'number' }),
    /** Hex SHA-256 of the plaintext, set when the upload finishes. */
    sha256: text('sha256'),
    /** Sealed resumable SHA-256 state over the first `received` bytes (it holds a partial block of plaintext). */
    hashState: jsonb('hash_state').$type<Sealed>(),
    /** Sniffed from the content's first bytes (never the name or the browser's claim). */
    contentType: text('content_type'),
    /** The version's AES-256 data key, sealed by the master key and bound to `file-key:<id>`. */
    dataKey: jsonb('data_key').$type<Sealed>().notNull(),
    keyId: text('key_id').notNull(),
    /** Plaintext bytes per encrypted chunk. */
    chunkSize: integer('chunk_size').notNull(),
    blobStore: text('blob_store').$type<'database' | 's3'>().notNull(),
    /** Random id naming the blob in its store (file_chunks rows, or the S3 object). */
    blobKey: text('blob_key').notNull().unique(),
    /** What resuming needs in the store (the S3 driver: upload id and finished parts). */
    storeState: jsonb('store_state').$type<Record<string, unknown>>(),
    uploadedBy: uuid('uploaded_by')
      .notNull()
      .references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [
    unique('file_versions_file_version').on(t.fileId, t.version),
    index('file_versions_key_id_idx').on(t.keyId),
    check('file_versions_state', sql`${t.state} in ('uploading', 'ready')`),
    check('file_versions_store', sql`${t.blobStore} in ('database', 's3')`),
    check(
      'file_versions_ready',
      sql`${t.state} <> 'ready' or (${t.size} is not null and ${t.sha256} is not null and ${t.contentType} is not null)`,
    ),
    check('file_versions_version', sql`${t.version} >= 1`),
    pgPolicy('file_versions_read', {
      for: 'select',
      to: appRole,
      using: sql`exists (select 1 from files f where f.id = ${t.fileId})`,
    }),
    pgPolicy('file_versions_create', {
      for: 'insert',
      to: appRole,
      withCheck: sql`${t.uploadedBy} = (select app_user_id()) and exists (select 1 from files f where f.id = ${t.fileId} and ${mayWrite(sql`f.item_id`)})`,
    }),
    // Only the uploader continues an upload; a ready version is changed by no one (except key rotation, run as the
    // owner).
    pgPolicy('file_versions_upload', {
      for: 'update',
      to: appRole,
      using: sql`${t.uploadedBy} = (select app_user_id()) and ${t.state} = 'uploading'`,
      withCheck: sql`${t.uploadedBy} = (select app_user_id()) and exists (select 1 from files f where f.id = ${t.fileId} and ${mayWrite(sql`f.item_id`)})`,
    }),
    pgPolicy('file_versions_delete', {
      for: 'delete',
      to: appRole,
      using: sql`exists (select 1 from files f where f.id = ${t.fileId} and ${mayWrite(sql`f.item_id`)})`,
    }),
  ],
).enableRLS();

/**
 * Encrypted chunks of the `database` blob store (and chunks the `s3` store has not yet sent as a part). Each
 * row is one chunk as lib/files/chunk-crypto.ts seals it. Deleting a version deletes its chunks.
 */
export const fileChunks = pgTable(
  'file_chunks',
  {
    blobKey: text('blob_key')
      .notNull()
      .references(() => fileVersions.blobKey, { onDelete: 'cascade' }),
    idx: integer('idx').notNull(),
    data: bytea('data').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.blobKey, t.idx] }),
    pgPolicy('file_chunks_read', {
      for: 'select',
      to: appRole,
      using: sql`exists (select 1 from file_versions v where v.blob_key = ${t.blobKey})`,
    }),
    // Writing a chunk is continuing one's own upload (the version's update policy, restated).
    pgPolicy('file_chunks_write', {
      for: 'insert',
      to: appRole,
      withCheck: sql`exists (select 1 from file_versions v where v.blob_key = ${t.blobKey} and v.state = 'uploading' and v.uploaded_by = (select app_user_id()))`,
    }),
    pgPolicy('file_chunks_rewrite', {
      for: 'update',
      to: appRole,
      using: sql`exists (select 1 from file_versions v where v.blob_key = ${t.blobKey} and v.state = 'uploading' and v.uploaded_by = (select app_user_id()))`,
      withCheck: sql`exists (select 1 from file_versions v where v.blob_key = ${t.blobKey} and v.state = 'uploading' and v.uploaded_by = (select app_user_id()))`,
    }),
    pgPolicy('file_chunks_delete', {
      for: 'delete',
      to: appRole,
      using: sql`exists (select 1 from file_versions v join files f on f.id = v.file_id where v.blob_key = ${t.blobKey} and ${mayWrite(sql`f.item_id`)})`,
    }),
  ],
).enableRLS();
