/**
 * The file storage core (issue 13): lib/dal/files primitives over each blob driver (`database`, and `s3`
 * against an S3-compatible server started on loopback). Round trips, byte ranges, an upload broken mid-stream
 * and resumed from its durable offset, types sniffed from content (an .exe named .pdf refused, HTML refused),
 * the size limit, row-level security (a file is reached exactly by its item's readers), no plaintext at rest,
 * tampered chunks never served, deletes removing blobs, the orphan sweep.
 */
import { createHash, randomBytes } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '@/db/client';
import { fileChunks, files, fileVersions, items } from '@/db/schema';
import { seedDemoWorld } from '@/db/seed/demo-world';
import type { Actor } from '@/lib/authz/types';
import { appendToVersion } from '@/lib/dal/files/append-version';
import { beginVersion } from '@/lib/dal/files/begin-version';
import { deleteFile } from '@/lib/dal/files/delete-file';
import { finishVersion } from '@/lib/dal/files/finish-version';
import { getUpload } from '@/lib/dal/files/get-upload';
import { readVersion } from '@/lib/dal/files/read-version';
import { storeFile } from '@/lib/dal/files/store-file';
import { sweepOrphanBlobs } from '@/lib/dal/files/sweep-orphan-blobs';
import { FileRefusedError } from '@/lib/files/errors';
import { openFileName } from '@/lib/files/names';
import { demoActors, type DemoKey } from '../helpers/actors';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { itemIdsByCanary } from '../helpers/demo';
import { startS3rver, type LocalS3 } from '../helpers/s3rver';

let database: TestDatabase;
let actors: Record<DemoKey, Actor>;
let rate: string; // AURORA-RATE-250K: confidential deal terms (Sam, Finn, Nova)
let itinerary: string; // AURORA-HR-ITINERARY: high-risk (Sam, Nova)
let s3: LocalS3 | null = null;

beforeAll(async () => {
  database = await createTestDatabase();
  await seedDemoWorld(database.db);
  actors = await demoActors(database.db);
  const ids = await itemIdsByCanary(database.db);
  rate = ids['AURORA-RATE-250K'];
  itinerary = ids['AURORA-HR-ITINERARY'];
});

afterAll(async () => {
  delete process.env.CLEARANCE_BLOB_STORE;
  delete process.env.CLEARANCE_MAX_FILE_BYTES;
  await s3?.stop();
  await database?.dispose();
});

const MiB = 1024 * 1024;
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

/** A PDF-looking file (the sniffer needs only the header) with a canary and random bytes. */
function pdf(size: number, canary = 'FILE-CANARY-PDF'): Buffer {
  const head = Buffer.from(`%PDF-1.7\n% ${canary}\n`);
  const body = randomBytes(Math.max(0, size - head.length));
  for (let at = 4096; at + canary.length < body.length; at += 256 * 1024) body.write(canary, at);
  return Buffer.concat([head, body]).subarray(0, size);
}

async function readAll(actor: Actor, versionId: string, range?: { start: number; end?: number }) {
  const found = await readVersion(actor, versionId, range);
  if (!found) return null;
  const parts: Buffer[] = [];
  for await (const p of found.stream) parts.push(p as Buffer);
  return { ...found, bytes: Buffer.concat(parts) };
}

async function* pieces(data: Buffer, size = 300 * 1024) {
  for (let at = 0; at < data.length; at += size) yield data.subarray(at, at + size);
}

/** A stream that delivers `cut` bytes and then breaks, like a dropped connection. */
async function* breaksAfter(data: Buffer, cut: number) {
  yield* pieces(data.subarray(0, cut));
  throw new Error('connection reset');
}

async function rowCounts(fileId: string) {
  const [f] = rowsOf<{ n: number }>(
    await database.db.execute(sql`select count(*)::int as n from files where id = ${fileId}`),
  );
  const [v] = rowsOf<{ n: number }>(
    await database.db.execute(sql`select count(*)::int as n from file_versions where file_id = ${fileId}`),
  );
  return { files: Number(f!.n), versions: Number(v!.n) };
}

/** Swaps chunks 0 and 1 of a blob at rest (in three steps: the key is checked at each). */
async function swap(blobKey: string) {
  for (const [from, to] of [
    [0, -1],
    [1, 0],
    [-1, 1],
  ] as const) {
    await database.db.execute(sql`update file_chunks set idx = ${to} where blob_key = ${blobKey} and idx = ${from}`);
  }
}

describe('items.files_downloadable', () => {
  it('defaults to view-only for high-risk items and downloadable otherwise', async () => {
    const rows = await database.db
      .select({ id: items.id, d: items.filesDownloadable })
      .from(items)
      .where(sql`${items.id} in (${rate}, ${itinerary})`);
    expect(Object.fromEntries(rows.map((r) => [r.id, r.d]))).toEqual({ [rate]: true, [itinerary]: false });
  });
});

describe.each(['database', 's3'] as const)('the %s driver', (driver) => {
  beforeAll(async () => {
    if (driver === 's3') {
      s3 ??= await startS3rver();
      process.env.CLEARANCE_BLOB_STORE = 's3';
    } else {
      process.env.CLEARANCE_BLOB_STORE = 'database';
    }
  });

  it('stores and reads back files around the chunk size, whole and by byte range', async () => {
    let last: { fileId: string } | undefined;
    for (const size of [0, 1, MiB - 1, MiB, MiB + 1, 9 * MiB + 3]) {
      const data = size === 0 ? Buffer.alloc(0) : size < 20 ? Buffer.from('hello world!'.slice(0, size)) : pdf(size);
      const stored = await storeFile(actors.sam, { itemId: rate, name: `../deal ${size}.pdf`, data });
      last = stored;
      expect(stored).toMatchObject({ version: 1, size, sha256: sha(data) });
      expect(stored.contentType).toBe(size < 20 ? 'text/plain' : 'application/pdf');
      const back = await readAll(actors.finn, stored.versionId);
      expect(back!.bytes.equals(data), `size ${size}`).toBe(true);
      if (size > 10) {
        const start = Math.floor(size / 3);
        const end = Math.min(size - 1, start + MiB + 5);
        const part = await readAll(actors.nova, stored.versionId, { start, end });
        expect(part).toMatchObject({ start, end, length: end - start + 1 });
        expect(part!.bytes.equals(data.subarray(start, end + 1))).toBe(true);
      }
    }
    const [row] = await database.db.select().from(files).where(eq(files.id, last!.fileId));
    expect(openFileName(row!)).toMatch(/^deal \d+\.pdf$/); // no path kept
    expect(JSON.stringify(row)).not.toContain('deal');
  });

  it('an upload broken mid-stream resumes from its durable offset; a wrong offset is refused', async () => {
    const data = pdf(5 * MiB + 12345, 'FILE-CANARY-RESUME');
    const begun = await beginVersion(actors.sam, { itemId: rate, name: 'teaser.pdf', declaredSize: data.length });
    const cut = 2 * MiB + 777;
    await expect(
      appendToVersion(actors.sam, { versionId: begun.versionId, offset: 0, source: breaksAfter(data, cut) }),
    ).rejects.toThrow('connection reset');
    const status = await getUpload(actors.sam, begun.versionId);
    expect(status).toMatchObject({ state: 'uploading', received: cut, contentType: 'application/pdf' });
    // Not readable while uploading; a second writer at a stale offset is refused.
    expect(await readVersion(actors.sam, begun.versionId)).toBeNull();
    await expect(
      appendToVersion(actors.sam, { versionId: begun.versionId, offset: 0, source: pieces(data) }),
    ).rejects.toMatchObject({ reason: 'offset_mismatch' });
    await expect(finishVersion(actors.sam, begun.versionId)).rejects.toMatchObject({ reason: 'incomplete' });
    // Someone else (even with access to the item) cannot continue Sam's upload.
    await expect(
      appendToVersion(actors.nova, { versionId: begun.versionId, offset: cut, source: pieces(data.subarray(cut)) }),
    ).rejects.toMatchObject({ code: 'not_found' });
    // Two more requests, the second a few bytes.
    const mid = await appendToVersion(actors.sam, {
      versionId: begun.versionId,
      offset: cut,
      source: pieces(data.subarray(cut, data.length - 5)),
    });
    expect(mid.offset).toBe(data.length - 5);
    const done = await appendToVersion(actors.sam, {
      versionId: begun.versionId,
      offset: mid.offset,
      source: pieces(data.subarray(mid.offset)),
    });
    expect(done.offset).toBe(data.length);
    const finished = await finishVersion(actors.sam, begun.versionId);
    expect(finished.sha256).toBe(sha(data));
    expect((await readAll(actors.nova, begun.versionId))!.bytes.equals(data)).toBe(true);

    // A new version of the same file; the first stays readable.
    const v2 = await storeFile(actors.sam, { fileId: begun.fileId, data: pdf(3000, 'FILE-CANARY-V2') });
    expect(v2).toMatchObject({ fileId: begun.fileId, version: 2 });
    expect((await readAll(actors.finn, begun.versionId))!.bytes.equals(data)).toBe(true);
  });

  it('types come from the content: an .exe named .pdf, HTML and SVG are refused and leave nothing behind', async () => {
    const exe = Buffer.concat([
      Buffer.from('MZ'),
      Buffer.alloc(0x3a),
      Buffer.from([0x80, 0, 0, 0]),
      Buffer.alloc(0x40),
      Buffer.from('PE\0\0'),
      randomBytes(5000),
    ]);
    const html = Buffer.from('<!DOCTYPE html><html><body><script>alert(1)</script></body></html>');
    const svg = Buffer.from(
      '<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
    );
    const before = await database.db.select({ id: files.id }).from(files);
    for (const [name, data] of [
      ['contract.pdf', exe],
      ['page.pdf', html],
      ['logo.png', svg],
      ['big.pdf', Buffer.concat([exe, randomBytes(2 * MiB)])],
    ] as const) {
      await expect(storeFile(actors.sam, { itemId: rate, name, data }), name).rejects.toMatchObject({
        reason: 'type_not_allowed',
      });
    }
    expect(await database.db.select({ id: files.id }).from(files)).toHaveLength(before.length);
  });

  it('the size limit refuses an upload past it and removes it', async () => {
    process.env.CLEARANCE_MAX_FILE_BYTES = String(2 * MiB);
    try {
      await expect(
        beginVersion(actors.sam, { itemId: rate, name: 'x.pdf', declaredSize: 3 * MiB }),
      ).rejects.toMatchObject({ reason: 'too_large' });
      const begun = await beginVersion(actors.sam, { itemId: rate, name: 'x.pdf' });
      const error = await appendToVersion(actors.sam, {
        versionId: begun.versionId,
        offset: 0,
        source: pieces(pdf(3 * MiB)),
      }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(FileRefusedError);
      expect(error).toMatchObject({ reason: 'too_large' });
      expect(await rowCounts(begun.fileId)).toEqual({ files: 0, versions: 0 });
    } finally {
      delete process.env.CLEARANCE_MAX_FILE_BYTES;
    }
  });

  it("a file is reached exactly by its item's readers; others cannot add files there", async () => {
    const stored = await storeFile(actors.sam, {
      itemId: itinerary,
      name: 'itinerary.pdf',
      data: pdf(4000, 'FILE-CANARY-HR'),
    });
    expect(await readVersion(actors.nova, stored.versionId)).not.toBeNull();
    for (const who of ['finn', 'oscar', 'brian', 'kai', 'ada', 'cora'] as const) {
      expect(await readVersion(actors[who], stored.versionId), who).toBeNull();
      await expect(beginVersion(actors[who], { fileId: stored.fileId }), who).rejects.toMatchObject({
        code: 'not_found',
      });
    }
    await expect(beginVersion(actors.oscar, { itemId: rate, name: 'x.pdf' })).rejects.toMatchObject({
      code: 'not_found',
    });
    // Nova reads her project's items but this one is not her hand-over: she may not add files to it.
    await expect(beginVersion(actors.nova, { itemId: rate, name: 'x.pdf' })).rejects.toMatchObject({
      code: 'not_found',
    });
  });

  it('no plaintext at rest; a tampered chunk is never served', async () => {
    const canary = 'FILE-CANARY-AT-REST';
    const data = pdf(3 * MiB + 10, canary);
    const stored = await storeFile(actors.sam, { itemId: rate, name: 'rest.pdf', data });
    const hits = rowsOf<{ n: number }>(
      await database.db.execute(
        sql`select count(*)::int as n from file_chunks where position(${Buffer.from(canary)}::bytea in data) > 0`,
      ),
    );
    expect(Number(hits[0]!.n)).toBe(0);
    if (s3) expect(s3.containsBytes(Buffer.from(canary))).toBe(false);

    if (driver === 'database') {
      // Swap two chunks at rest: both still authentic on their own, but not in each other's place.
      const [{ blobKey }] = (await database.db
        .select({ blobKey: fileVersions.blobKey })
        .from(fileVersions)
        .where(eq(fileVersions.id, stored.versionId))) as [{ blobKey: string }];
      await swap(blobKey);
      await expect(readAll(actors.sam, stored.versionId)).rejects.toMatchObject({ reason: 'integrity' });
      await swap(blobKey);
      expect((await readAll(actors.sam, stored.versionId))!.bytes.equals(data)).toBe(true);
      // A flipped bit.
      await database.db.execute(
        sql`update file_chunks set data = set_byte(data, 100, get_byte(data, 100) # 1) where blob_key = ${blobKey} and idx = 2`,
      );
      await expect(readAll(actors.sam, stored.versionId)).rejects.toMatchObject({ reason: 'integrity' });
      // Truncated: the last chunk gone.
      await database.db.delete(fileChunks).where(sql`${fileChunks.blobKey} = ${blobKey} and ${fileChunks.idx} = 3`);
      await expect(readAll(actors.sam, stored.versionId, { start: 3 * 1024 * 1024 })).rejects.toMatchObject({
        reason: 'integrity',
      });
    } else {
      const [{ blobKey }] = (await database.db
        .select({ blobKey: fileVersions.blobKey })
        .from(fileVersions)
        .where(eq(fileVersions.id, stored.versionId))) as [{ blobKey: string }];
      s3!.tamper(blobKey);
      await expect(readAll(actors.sam, stored.versionId)).rejects.toMatchObject({ reason: 'integrity' });
    }
  });

  it('deleting a file removes its blobs; the sweep removes blobs whose rows are gone', async () => {
    const stored = await storeFile(actors.sam, { itemId: rate, name: 'gone.pdf', data: pdf(2 * MiB + 1) });
    const [{ blobKey }] = (await database.db
      .select({ blobKey: fileVersions.blobKey })
      .from(fileVersions)
      .where(eq(fileVersions.id, stored.versionId))) as [{ blobKey: string }];
    if (s3) expect(s3.hasBlob(blobKey)).toBe(true);
    expect(await deleteFile(actors.finn, stored.fileId)).toBe(true); // Finn reads the item: staff may manage its files
    expect(await rowCounts(stored.fileId)).toEqual({ files: 0, versions: 0 });
    expect(await database.db.select().from(fileChunks).where(eq(fileChunks.blobKey, blobKey))).toHaveLength(0);
    if (s3) expect(s3.hasBlob(blobKey)).toBe(false);
    expect(await deleteFile(actors.sam, stored.fileId)).toBe(false);

    // A crash between deleting rows and blobs: rows gone by hand, the blob left behind.
    const orphan = await storeFile(actors.sam, { itemId: rate, name: 'orphan.pdf', data: pdf(5000) });
    const [o] = (await database.db
      .select({ blobKey: fileVersions.blobKey })
      .from(fileVersions)
      .where(eq(fileVersions.id, orphan.versionId))) as [{ blobKey: string }];
    await database.db.delete(files).where(eq(files.id, orphan.fileId));
    // An abandoned upload, a week old.
    const stale = await beginVersion(actors.sam, { itemId: rate, name: 'stale.pdf' });
    await appendToVersion(actors.sam, { versionId: stale.versionId, offset: 0, source: pieces(pdf(10_000)) });
    await database.db.execute(
      sql`update file_versions set created_at = now() - interval '8 days' where id = ${stale.versionId}`,
    );
    await database.db.execute(sql`update files set created_at = now() - interval '8 days' where id = ${stale.fileId}`);
    const report = await sweepOrphanBlobs(database.db, { s3: Boolean(s3) && driver === 's3', graceMs: 0 });
    expect(report.staleUploads).toBe(1);
    expect(await rowCounts(stale.fileId)).toEqual({ files: 0, versions: 0 });
    if (driver === 's3') {
      expect(report.orphanBlobs).toBeGreaterThanOrEqual(1);
      expect(s3!.hasBlob(o.blobKey)).toBe(false);
    }
  });
});
