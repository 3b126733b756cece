import 'server-only';
import { and, eq, sql } from 'drizzle-orm';
import type { IHasher } from 'hash-wasm';
import { fileChunks, fileVersions } from '@/db/schema';
import type { Actor } from '@/lib/authz';
import { rewrap } from '@/lib/crypto/envelope';
import { notFoundError } from '@/lib/errors';
import { driverFor } from '@/lib/files/blob-store';
import { openDataKey, sealChunk, type ChunkContext } from '@/lib/files/chunk-crypto';
import { maxFileBytes } from '@/lib/files/config';
import { FileRefusedError, refused } from '@/lib/files/errors';
import { SNIFF_BYTES, sniffType } from '@/lib/files/sniff';
import { chunkValue } from '@/lib/files/blob-store/chunk-sql';
import { withActor } from '../transaction';
import { deleteVersion } from './delete-version';
import { loadVersion, openStagedChunk, readStagedChunk, resumeHasher, sealHashState } from './internal';

/** Full chunks written per transaction: each transaction stays short (PGlite has one connection). */
const BATCH_CHUNKS = 4;

export type AppendInput = {
  versionId: string;
  /** Where these bytes start: must be the durable offset (`received`), as in tus. */
  offset: number;
  /** The bytes: a Node Readable or a Web ReadableStream (both are async iterables of Uint8Array). */
  source: AsyncIterable<Uint8Array>;
};

/**
 * Appends bytes to an upload, streaming: never more than a few chunks in memory, plaintext never at rest. Full
 * chunks are sealed and written in short transactions as the uploader, each committing the new durable offset
 * and the sealed SHA-256 state with them; the unfinished last chunk is sealed and stored too when the stream
 * ends — or breaks (a dropped connection), so a resumed upload continues from the last byte received. The type
 * is sniffed from the first bytes; a refused type or a size past the limit deletes the upload (no partial file
 * is left) and throws FileRefusedError. Answers the new durable offset.
 */
export async function appendToVersion(actor: Actor, input: AppendInput): Promise<{ offset: number }> {
  let version = await withActor(actor, ({ tx }) => loadVersion(tx, input.versionId));
  if (!version || version.uploadedBy !== actor.id) throw notFoundError();
  if (version.state !== 'uploading') throw refused('not_uploading');
  if (input.offset !== version.received) throw refused('offset_mismatch');

  const ctx: ChunkContext = { fileId: version.fileId, versionId: version.id };
  const key = openDataKey(version.id, version.dataKey);
  const hasher: IHasher = await resumeHasher(version.id, version.hashState);
  const cs = version.chunkSize;
  const limit = Math.min(maxFileBytes(), version.declaredSize ?? Infinity);
  let contentType = version.contentType;

  // The chunk being filled: chunk `index`, whose first `hashed` bytes are already in the hash state.
  let index = Math.floor(version.received / cs);
  let buffer: Buffer[] = [];
  let buffered = 0;
  let hashed = 0;
  const tail = version.received % cs > 0 ? await readStagedChunk(actor, version, index) : null;
  if (tail) {
    const plain = openStagedChunk(key, ctx, index, tail);
    buffer = [plain];
    buffered = hashed = plain.length;
  }
  let total = version.received;
  const pending: { idx: number; data: Buffer }[] = [];

  const sniff = async (head: Buffer) => {
    if (contentType) return;
    contentType = await sniffType(head.subarray(0, SNIFF_BYTES));
    if (!contentType) throw refused('type_not_allowed');
  };

  /** Seals the chunk being filled (not as last: only finishing knows the last chunk) and queues it. */
  const cut = async () => {
    const plain = Buffer.concat(buffer);
    if (index === 0 && (plain.length >= SNIFF_BYTES || plain.length === cs)) await sniff(plain);
    hasher.update(plain.subarray(hashed));
    pending.push({ idx: index, data: sealChunk(key, ctx, index, false, plain) });
    return plain.length;
  };

  /** Writes the queued chunks, the new offset and hash state in one short transaction. */
  const flush = async (received: number) => {
    if (pending.length === 0) return;
    const rows = pending.splice(0);
    const from = version!.received;
    const hashState = sealHashState(version!.id, hasher);
    // Every envelope of the row under the key `key_id` names (a rotation may have run since the upload began).
    const dataKey = rewrap(version!.dataKey);
    const updated = await withActor(actor, async ({ tx }) => {
      await tx
        .insert(fileChunks)
        .values(rows.map((r) => ({ blobKey: version!.blobKey, idx: r.idx, data: chunkValue(r.data) })))
        .onConflictDoUpdate({ target: [fileChunks.blobKey, fileChunks.idx], set: { data: sql`excluded.data` } });
      // The offset moves only from where this request found it: a second writer of the same upload loses.
      const [row] = await tx
        .update(fileVersions)
        .set({ received, hashState, contentType, dataKey, keyId: dataKey.kid })
        .where(
          and(eq(fileVersions.id, version!.id), eq(fileVersions.received, from), eq(fileVersions.state, 'uploading')),
        )
        .returning();
      if (!row) throw refused('offset_mismatch');
      return row;
    });
    version = updated;
    await driverFor(updated.blobStore).drain(actor, updated, false);
  };

  let failure: unknown = null;
  try {
    for await (const piece of input.source) {
      let data = Buffer.from(piece.buffer, piece.byteOffset, piece.byteLength);
      if (total + data.length > limit) throw refused('too_large');
      while (data.length > 0) {
        const take = Math.min(cs - buffered, data.length);
        buffer.push(data.subarray(0, take));
        buffered += take;
        total += take;
        data = data.subarray(take);
        if (buffered === cs) {
          await cut();
          index += 1;
          buffer = [];
          buffered = hashed = 0;
          if (pending.length >= BATCH_CHUNKS) await flush(index * cs);
        }
      }
    }
  } catch (error) {
    failure = error;
  }
  if (failure instanceof FileRefusedError && failure.reason !== 'offset_mismatch') {
    // Nothing of a refused upload stays: no partial file is visible or kept.
    await deleteVersion(actor, version.id).catch(() => undefined);
    throw failure;
  }
  try {
    // Keep what arrived, even when the stream broke: the unfinished chunk is stored, sealed, as not last.
    if (buffered > hashed) await cut();
    await flush(total);
  } catch (error) {
    if (error instanceof FileRefusedError && error.reason === 'type_not_allowed') {
      await deleteVersion(actor, version.id).catch(() => undefined);
    }
    throw error;
  }
  if (failure) throw failure;
  return { offset: version.received };
}
