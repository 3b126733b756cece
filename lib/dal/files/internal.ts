import 'server-only';
import { and, eq, sql } from 'drizzle-orm';
import { rowsOf } from '@/db/client';
import { createSHA256, type IHasher } from 'hash-wasm';
import type { Tx } from '@/db/client';
import { fileChunks, fileVersions } from '@/db/schema';
import type { Actor } from '@/lib/authz';
import { open, seal, type Sealed } from '@/lib/crypto/envelope';
import type { VersionRow } from '@/lib/files/blob-store';
import { ChunkIntegrityError, openChunk, type ChunkContext } from '@/lib/files/chunk-crypto';
import { refused } from '@/lib/files/errors';
import { chunkDataB64, fromB64 } from '@/lib/files/blob-store/chunk-sql';
import { withActor } from '../transaction';

/* Helpers shared by the lib/dal/files operations; no policy decisions here (callers authorize first). */

/** A version row as the acting user may see it (row-level security), or null. */
export async function loadVersion(tx: Tx, versionId: string): Promise<VersionRow | null> {
  if (!/^[0-9a-f-]{36}$/i.test(versionId)) return null;
  const [row] = await tx.select().from(fileVersions).where(eq(fileVersions.id, versionId));
  return row ?? null;
}

/**
 * SHA-256 over an upload that spans requests: hash-wasm saves and loads the running state. The state holds up
 * to a block of plaintext, so it is sealed (bound to the version) like everything else at rest.
 */
export async function resumeHasher(versionId: string, state: Sealed | null): Promise<IHasher> {
  const hasher = await createSHA256();
  hasher.init();
  if (state) hasher.load(Buffer.from(open(state, `file-hash:${versionId}`), 'base64'));
  return hasher;
}

export const sealHashState = (versionId: string, hasher: IHasher): Sealed =>
  seal(Buffer.from(hasher.save()).toString('base64'), `file-hash:${versionId}`);

/** A row-level security refusal from the database (the caller is told "not found", like any denial). */
export const isRlsViolation = (error: unknown): boolean =>
  /row-level security|row level security/i.test(String((error as { message?: string })?.message ?? '')) ||
  (error as { code?: string })?.code === '42501' ||
  (error as { cause?: { code?: string } })?.cause?.code === '42501';

/** The stored unfinished chunk `index` of an upload (staged in the database by every driver). */
export async function readStagedChunk(actor: Actor, version: VersionRow, index: number): Promise<Buffer> {
  const [row] = await withActor(actor, ({ tx }) =>
    tx
      .select({ data: chunkDataB64 })
      .from(fileChunks)
      .where(and(eq(fileChunks.blobKey, version.blobKey), eq(fileChunks.idx, index))),
  );
  if (!row) throw refused('integrity');
  return fromB64(row.data);
}

/**
 * Opens an upload's newest stored chunk: sealed as not last, or as last when a finish was interrupted after
 * re-sealing it (the upload may then go on, and the chunk is sealed again as not last).
 */
export function openStagedChunk(key: Buffer, ctx: ChunkContext, index: number, sealed: Buffer): Buffer {
  try {
    return openChunk(key, ctx, index, false, sealed);
  } catch (error) {
    if (!(error instanceof ChunkIntegrityError)) throw error;
    try {
      return openChunk(key, ctx, index, true, sealed);
    } catch {
      throw refused('integrity');
    }
  }
}

/**
 * Deletes a blob's chunks from the database in short batches, each its own transaction as the actor: one
 * statement removing a 2 GiB file's chunks would outlast the statement timeout and hold the database. Rows
 * the actor may not delete are simply left (row-level security).
 */
export async function deleteChunksInBatches(actor: Actor, blobKey: string, batch = 32): Promise<void> {
  for (;;) {
    const gone = await withActor(actor, ({ tx }) =>
      tx.execute(sql`delete from file_chunks where blob_key = ${blobKey} and idx in
        (select idx from file_chunks where blob_key = ${blobKey} order by idx limit ${batch}) returning idx`),
    );
    if (rowsOf(gone).length < batch) return;
  }
}
