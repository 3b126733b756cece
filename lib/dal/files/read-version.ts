import 'server-only';
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { and, eq } from 'drizzle-orm';
import { fileVersions } from '@/db/schema';
import type { Actor } from '@/lib/authz';
import { driverFor, type VersionRow } from '@/lib/files/blob-store';
import { ChunkIntegrityError, chunkCount, openChunk, openDataKey, type ChunkContext } from '@/lib/files/chunk-crypto';
import { refused } from '@/lib/files/errors';
import { withActor } from '../transaction';

/** Chunks fetched per transaction (or per ranged GET): about 4 MiB in memory at a time. */
const READ_BATCH = 4;

/** A byte range as in HTTP: `end` inclusive, absent for "to the end". */
export type ByteRange = { start: number; end?: number };

export type VersionStream = {
  fileId: string;
  versionId: string;
  version: number;
  /** The whole version's size, sniffed type and SHA-256. */
  size: number;
  contentType: string;
  sha256: string;
  /** The bytes the stream carries: [start, end], `length` of them. */
  start: number;
  end: number;
  length: number;
  stream: Readable;
};

/** The range cannot be served (HTTP 416): it starts past the end, or ends before it starts. */
export class RangeNotSatisfiableError extends Error {
  constructor(readonly size: number) {
    super('Range not satisfiable.');
    this.name = 'RangeNotSatisfiableError';
  }
}

/**
 * A ready version's plaintext as a stream, decrypted chunk by chunk as it is read (backpressure: nothing is
 * fetched before the reader wants it). Each batch is fetched in its own short transaction as `actor`, so
 * row-level security applies to every batch and a long download never blocks the database. Every chunk is
 * authenticated (its index, place and version bound); a whole-file read also checks the SHA-256 recorded at
 * upload, and the stream errors (never ends cleanly) on any failure. Null when the actor cannot see the version
 * or it is not ready. The caller authorizes and audits first.
 */
export async function readVersion(actor: Actor, versionId: string, range?: ByteRange): Promise<VersionStream | null> {
  if (!/^[0-9a-f-]{36}$/i.test(versionId)) return null;
  const [version] = await withActor(actor, ({ tx }) =>
    tx
      .select()
      .from(fileVersions)
      .where(and(eq(fileVersions.id, versionId), eq(fileVersions.state, 'ready'))),
  );
  if (!version || version.size === null || !version.sha256 || !version.contentType) return null;
  const size = version.size;
  const start = range?.start ?? 0;
  const end = Math.min(range?.end ?? size - 1, size - 1);
  if (range && (start < 0 || start >= size || end < start)) throw new RangeNotSatisfiableError(size);

  const driver = driverFor(version.blobStore);
  // A missing master key fails here, before any byte.
  const ready = { ...version, size, sha256: version.sha256 };
  const plaintext = versionPlaintext(ready, (first, count) => driver.readChunks(actor, ready, first, count), {
    start,
    end,
  });

  return {
    fileId: version.fileId,
    versionId: version.id,
    version: version.version,
    size,
    contentType: version.contentType,
    sha256: version.sha256,
    start,
    end,
    length: Math.max(0, end - start + 1),
    stream: Readable.from(plaintext, { objectMode: false }),
  };
}

/** Sealed chunks [first, first + count) of a version, in order (a blob driver's read, or another path to it). */
export type SealedChunkReader = (first: number, count: number) => Promise<Buffer[]>;

/** What decrypting a ready version needs from its row. */
export type ReadyVersion = Pick<VersionRow, 'id' | 'fileId' | 'dataKey' | 'chunkSize'> & {
  size: number;
  sha256: string;
};

/**
 * The plaintext bytes [start, end] of a ready version, decrypted chunk by chunk as they are read (READ_BATCH
 * chunks fetched at a time, nothing before the reader wants it). Every chunk is authenticated (its index, place
 * and version bound); a whole-file read also checks the SHA-256 recorded at upload, and the generator throws
 * (never ends cleanly) on any failure. The data key is opened at once, so a missing master key fails here.
 */
export function versionPlaintext(
  version: ReadyVersion,
  read: SealedChunkReader,
  range: { start: number; end: number } = { start: 0, end: version.size - 1 },
): AsyncGenerator<Buffer> {
  const { size } = version;
  const { start, end } = range;
  const whole = start === 0 && end === size - 1;
  const ctx: ChunkContext = { fileId: version.fileId, versionId: version.id };
  const key = openDataKey(version.id, version.dataKey);
  const cs = version.chunkSize;
  const total = chunkCount(size, cs);
  const first = whole ? 0 : Math.floor(start / cs);
  const lastWanted = whole ? total - 1 : Math.floor(end / cs);

  async function* plaintext(): AsyncGenerator<Buffer> {
    const hash = whole ? createHash('sha256') : null;
    try {
      for (let at = first; at <= lastWanted; at += READ_BATCH) {
        const count = Math.min(READ_BATCH, lastWanted - at + 1);
        const sealed = await read(at, count);
        if (sealed.length !== count) throw refused('integrity');
        for (let j = 0; j < count; j++) {
          const idx = at + j;
          const plain = openChunk(key, ctx, idx, idx === total - 1, sealed[j]!);
          if (plain.length !== (idx === total - 1 ? size - idx * cs : cs)) throw refused('integrity');
          hash?.update(plain);
          const from = idx * cs < start ? start - idx * cs : 0;
          const to = Math.min(plain.length, end - idx * cs + 1);
          if (to > from) yield plain.subarray(from, to);
        }
      }
      if (hash && hash.digest('hex') !== version.sha256) throw refused('integrity');
    } catch (error) {
      throw error instanceof ChunkIntegrityError ? refused('integrity') : error;
    }
  }
  return plaintext();
}
