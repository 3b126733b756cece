import 'server-only';
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { open, seal, type Sealed } from '@/lib/crypto/envelope';

/*
 * Authenticated chunked encryption of file content (issue 13, docs/product.md §11). A file version's plaintext is cut
 * into chunks of `chunkSize` bytes (the last may be shorter, and an empty file is one empty chunk); each chunk is
 * sealed on its own with AES-256-GCM under the version's data key:
 *
 *   sealed chunk = nonce (12 random bytes) | ciphertext | tag (16)
 *   associated data = "clearance-file-chunk/v1" | file id | version id | chunk index | last flag
 *
 * The associated data binds every chunk to its place: a chunk moved to another index, swapped in from another
 * file or version, or a stream cut after a chunk not flagged last, fails its tag. Nonces are random (not derived
 * from the index) because an upload's unfinished last chunk is sealed again as it grows (resuming), and a
 * nonce must never repeat under one key; 2^32 chunks per key is far beyond a 2 GiB file.
 */

export const CHUNK_SIZE = 1024 * 1024;
export const NONCE_BYTES = 12;
export const TAG_BYTES = 16;
export const CHUNK_OVERHEAD = NONCE_BYTES + TAG_BYTES;

/** Which file version a chunk belongs to: both ids go into every chunk's associated data. */
export type ChunkContext = { fileId: string; versionId: string };

export class ChunkIntegrityError extends Error {
  constructor(message = 'A file chunk failed authentication.') {
    super(message);
    this.name = 'ChunkIntegrityError';
  }
}

const aad = (ctx: ChunkContext, index: number, last: boolean) =>
  Buffer.from(`clearance-file-chunk/v1|${ctx.fileId}|${ctx.versionId}|${index}|${last ? 1 : 0}`, 'utf8');

/** How many chunks a plaintext of `size` bytes makes (an empty file is one empty chunk). */
export const chunkCount = (size: number, chunkSize = CHUNK_SIZE) => Math.max(1, Math.ceil(size / chunkSize));

export function sealChunk(key: Buffer, ctx: ChunkContext, index: number, last: boolean, plaintext: Uint8Array): Buffer {
  const nonce = randomBytes(NONCE_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  cipher.setAAD(aad(ctx, index, last));
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([nonce, body, cipher.getAuthTag()]);
}

export function openChunk(key: Buffer, ctx: ChunkContext, index: number, last: boolean, sealed: Uint8Array): Buffer {
  const data = Buffer.from(sealed.buffer, sealed.byteOffset, sealed.byteLength);
  if (data.length < CHUNK_OVERHEAD) throw new ChunkIntegrityError();
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, data.subarray(0, NONCE_BYTES));
    decipher.setAAD(aad(ctx, index, last));
    decipher.setAuthTag(data.subarray(data.length - TAG_BYTES));
    return Buffer.concat([decipher.update(data.subarray(NONCE_BYTES, data.length - TAG_BYTES)), decipher.final()]);
  } catch {
    throw new ChunkIntegrityError();
  }
}

/**
 * Seals a plaintext stream into chunks, one at a time (memory: about two chunks). The last chunk is known by
 * holding one full chunk back until more bytes or the end arrive.
 */
export async function* encryptChunks(
  key: Buffer,
  ctx: ChunkContext,
  source: AsyncIterable<Uint8Array>,
  chunkSize = CHUNK_SIZE,
): AsyncGenerator<Buffer> {
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let held: Buffer | null = null; // a full chunk not yet known to be the last
  let index = 0;
  for await (const piece of source) {
    let data = Buffer.from(piece.buffer, piece.byteOffset, piece.byteLength);
    while (data.length > 0) {
      const take = Math.min(chunkSize - pendingBytes, data.length);
      pending.push(data.subarray(0, take));
      pendingBytes += take;
      data = data.subarray(take);
      if (pendingBytes === chunkSize) {
        if (held) yield sealChunk(key, ctx, index++, false, held);
        held = Buffer.concat(pending);
        pending = [];
        pendingBytes = 0;
      }
    }
  }
  if (pendingBytes > 0) {
    if (held) yield sealChunk(key, ctx, index++, false, held);
    yield sealChunk(key, ctx, index, true, Buffer.concat(pending));
  } else {
    yield sealChunk(key, ctx, index, true, held ?? Buffer.alloc(0));
  }
}

/**
 * Opens a stream of sealed chunks in order. Each chunk is opened as "last" only if the stream ends after it, so
 * a stream cut short (its final chunk was sealed as not last) or running on past the last chunk is refused.
 */
export async function* decryptChunks(
  key: Buffer,
  ctx: ChunkContext,
  source: AsyncIterable<Uint8Array>,
): AsyncGenerator<Buffer> {
  let held: Uint8Array | null = null;
  let index = 0;
  for await (const sealed of source) {
    if (held) yield openChunk(key, ctx, index++, false, held);
    held = sealed;
  }
  if (!held) throw new ChunkIntegrityError('A file has no chunks.');
  yield openChunk(key, ctx, index, true, held);
}

/** A fresh data key for a version, and its envelope under the master key bound to `file-key:<versionId>`. */
export function newDataKey(versionId: string): { key: Buffer; sealed: Sealed } {
  const key = randomBytes(32);
  return { key, sealed: seal(key.toString('base64'), `file-key:${versionId}`) };
}

export function openDataKey(versionId: string, sealed: Sealed): Buffer {
  const key = Buffer.from(open(sealed, `file-key:${versionId}`), 'base64');
  if (key.length !== 32) throw new ChunkIntegrityError('A file data key is malformed.');
  return key;
}
