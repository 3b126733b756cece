/**
 * Memory (issue 13): a 1 GiB file uploaded (in four resumed requests) and downloaded through the storage core
 * keeps this process's resident memory growth under 150 MiB, through each blob driver. Read from /proc; nothing
 * is timed. Runs on PostgreSQL only: with PGlite the database itself lives in this process, so its pages — the
 * stored file — would be counted as the server's memory. The S3 server runs in a child process for the same
 * reason. Set FILES_MEMORY_MIB to try another size.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoWorld } from '@/db/seed/demo-world';
import type { Actor } from '@/lib/authz/types';
import { appendToVersion } from '@/lib/dal/files/append-version';
import { beginVersion } from '@/lib/dal/files/begin-version';
import { deleteFile } from '@/lib/dal/files/delete-file';
import { finishVersion } from '@/lib/dal/files/finish-version';
import { readVersion } from '@/lib/dal/files/read-version';
import { demoActors } from '../helpers/actors';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { itemIdsByCanary } from '../helpers/demo';

const MiB = 1024 * 1024;
const TOTAL = Number(process.env.FILES_MEMORY_MIB ?? 1024) * MiB;
const LIMIT = 150 * MiB;
const onPostgres = process.env.TEST_DATABASE === 'postgres';

let database: TestDatabase;
let sam: Actor;
let item: string;
let s3Child: ChildProcess | null = null;
let s3Dir = '';

const rss = () => Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))![1]) * 1024;

/** Peak resident memory seen at the sampling points (every 16 MiB moved). */
let peak = 0;
const sample = () => void (peak = Math.max(peak, rss()));

/** `size` bytes of a fixed random block with a counter in front of each MiB (not compressible, not held). */
function* block(seed: Buffer, from: number, to: number) {
  for (let at = from; at < to; at += MiB) {
    const piece = Buffer.from(seed);
    piece.writeUInt32BE(at / MiB, 16); // after the PDF header the type is sniffed from
    if ((at / MiB) % 16 === 0) sample();
    yield piece.subarray(0, Math.min(MiB, to - at));
  }
}

async function* stream(seed: Buffer, from: number, to: number, hash: ReturnType<typeof createHash>) {
  for (const piece of block(seed, from, to)) {
    hash.update(piece);
    yield piece;
  }
}

beforeAll(async () => {
  if (!onPostgres) return;
  database = await createTestDatabase();
  await seedDemoWorld(database.db);
  sam = (await demoActors(database.db)).sam;
  item = (await itemIdsByCanary(database.db))['AURORA-RATE-250K'];
});

afterAll(async () => {
  delete process.env.CLEARANCE_BLOB_STORE;
  s3Child?.kill();
  if (s3Dir) rmSync(s3Dir, { recursive: true, force: true });
  await database?.dispose();
});

/** s3rver in a child process on loopback; answers its port. */
async function startS3Child(): Promise<number> {
  s3Dir = mkdtempSync(path.join(tmpdir(), 'clearance-s3mem-'));
  const script = path.join(s3Dir, 'server.cjs');
  writeFileSync(
    script,
    `const S3rver = require(${JSON.stringify(path.resolve('node_modules/s3rver'))});
     new S3rver({ address: '127.0.0.1', port: 0, directory: ${JSON.stringify(path.join(s3Dir, 'data'))}, silent: true,
       configureBuckets: [{ name: 'clearance-mem' }] }).run().then((a) => process.send(a.port));`,
  );
  s3Child = fork(script, [], { stdio: 'ignore' });
  return new Promise((resolve) => s3Child!.once('message', (port) => resolve(Number(port))));
}

describe.runIf(onPostgres).each(['database', 's3'] as const)('1 GiB through the %s driver', (driver) => {
  it(
    'uploads and downloads with resident memory growth under 150 MiB',
    async () => {
      process.env.CLEARANCE_BLOB_STORE = driver;
      if (driver === 's3') {
        const port = await startS3Child();
        Object.assign(process.env, {
          CLEARANCE_S3_ENDPOINT: `http://127.0.0.1:${port}`,
          CLEARANCE_S3_BUCKET: 'clearance-mem',
          CLEARANCE_S3_ACCESS_KEY_ID: 'S3RVER',
          CLEARANCE_S3_SECRET_ACCESS_KEY: 'S3RVER',
        });
      }
      const seed = Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(MiB)]).subarray(0, MiB);
      // Warm up (code loaded, pools open, buffers allocated once), then take the baseline.
      await deleteFile(sam, (await storeSmall(seed)).fileId);
      global.gc?.();
      const baseline = rss();
      peak = baseline;

      const hashIn = createHash('sha256');
      const begun = await beginVersion(sam, { itemId: item, name: 'big.pdf', declaredSize: TOTAL });
      const quarter = TOTAL / 4;
      for (let q = 0; q < 4; q++) {
        const { offset } = await appendToVersion(sam, {
          versionId: begun.versionId,
          offset: q * quarter,
          source: stream(seed, q * quarter, (q + 1) * quarter, hashIn),
        });
        expect(offset).toBe((q + 1) * quarter);
      }
      const finished = await finishVersion(sam, begun.versionId);
      expect(finished.sha256).toBe(hashIn.digest('hex'));
      const afterUpload = peak - baseline;

      const found = await readVersion(sam, begun.versionId);
      const hashOut = createHash('sha256');
      let read = 0;
      for await (const piece of found!.stream) {
        hashOut.update(piece as Buffer);
        if (Math.floor((read + (piece as Buffer).length) / (16 * MiB)) > Math.floor(read / (16 * MiB))) sample();
        read += (piece as Buffer).length;
      }
      expect(read).toBe(TOTAL);
      expect(hashOut.digest('hex')).toBe(finished.sha256);
      console.log(
        `${driver}: ${TOTAL / MiB} MiB, RSS growth upload ${(afterUpload / MiB).toFixed(1)} MiB, peak ${((peak - baseline) / MiB).toFixed(1)} MiB`,
      );
      expect(peak - baseline).toBeLessThan(LIMIT);
      await deleteFile(sam, begun.fileId);
    },
    60 * 60_000,
  ); // 1 GiB twice on a loaded 2-core machine: generous, and nothing is asserted on time
});

async function storeSmall(seed: Buffer) {
  const begun = await beginVersion(sam, { itemId: item, name: 'warm.pdf' });
  await appendToVersion(sam, {
    versionId: begun.versionId,
    offset: 0,
    source: stream(seed, 0, 20 * MiB, createHash('sha256')),
  });
  await finishVersion(sam, begun.versionId);
  const found = await readVersion(sam, begun.versionId);
  for await (const _ of found!.stream) void _;
  return begun;
}

it.runIf(!onPostgres)('runs on PostgreSQL only (PGlite keeps the database in this process)', () => {
  expect(onPostgres).toBe(false);
});
