import 'server-only';
import { sql } from 'drizzle-orm';
import { rowsOf, type Tx } from '@/db/client';
import type { Sealed } from '@/lib/crypto/envelope';
import { parseSealed } from '@/lib/crypto/item-content';
import { fromB64 } from '@/lib/files/blob-store/chunk-sql';
import { readObjectChunks } from '@/lib/files/blob-store/s3';
import { refused } from '@/lib/files/errors';
import { openFileName } from '@/lib/files/names';
import type { PersonFile } from '@/lib/privacy/export-document';
import { bindCredential } from '@/lib/dal/account/bind-credential';
import { versionPlaintext, type SealedChunkReader } from '../files/read-version';
import { withActor } from '../transaction';

/*
 * The person's own files for their export link. Whoever opens the link is signed in as nobody, and row-level
 * security hides every file from nobody, so the versions and their sealed chunks come through two definer
 * functions (migration privacy_export_files_by_link) that answer only to the transaction holding the hash of a
 * claimed export link, and only about the versions its person uploaded. Bytes are decrypted and checked here
 * exactly as a download in the portal (lib/dal/files/read-version.ts): chunk by chunk, SHA-256 at the end.
 */

type VersionRow = {
  r_version_id: string;
  r_file_id: string;
  r_version: number;
  r_name_sealed: Sealed | string;
  r_size: number | string;
  r_content_type: string;
  r_sha256: string;
  r_data_key: Sealed | string;
  r_chunk_size: number;
  r_blob_store: 'database' | 's3';
  r_blob_key: string;
};

/**
 * The ready versions the person uploaded, in the claim's transaction (the link's hash bound, its `used_at` just
 * set), each able to stream its original bytes later in short transactions of its own.
 */
export async function personFilesForLink(tx: Tx, tokenHash: string): Promise<PersonFile[]> {
  const rows = rowsOf<VersionRow>(await tx.execute(sql`select * from privacy_export_link_versions()`));
  return rows.map((r) => {
    const version = {
      id: r.r_version_id,
      fileId: r.r_file_id,
      dataKey: parseSealed(r.r_data_key),
      chunkSize: Number(r.r_chunk_size),
      size: Number(r.r_size),
      sha256: r.r_sha256,
      blobKey: r.r_blob_key,
    };
    const read: SealedChunkReader =
      r.r_blob_store === 's3'
        ? (first, count) => readObjectChunks(version, first, count)
        : (first, count) => chunksByLink(tokenHash, version.blobKey, first, count);
    return {
      versionId: version.id,
      name: openFileName({ id: r.r_file_id, nameSealed: r.r_name_sealed }),
      version: Number(r.r_version),
      size: version.size,
      sha256: version.sha256,
      open: () => versionPlaintext(version, read),
    };
  });
}

/** Sealed chunks of a database-stored version, each batch in its own short transaction holding the link's hash. */
async function chunksByLink(tokenHash: string, blobKey: string, first: number, count: number): Promise<Buffer[]> {
  const rows = await withActor(null, async ({ tx }) => {
    await bindCredential(tx, { credential: tokenHash });
    return rowsOf<{ r_idx: number; r_data: string }>(
      await tx.execute(sql`select * from privacy_export_link_chunks(${blobKey}, ${first}, ${count})`),
    );
  });
  // A missing chunk (or a link no longer allowed to read) is never papered over.
  if (rows.length !== count || rows.some((r, i) => Number(r.r_idx) !== first + i)) throw refused('integrity');
  return rows.map((r) => fromB64(r.r_data));
}
