/**
 * File storage throughput (issue 13 benchmark; reported, not gating): a 256 MiB file uploaded and downloaded
 * through the storage core (lib/dal/files: chunked AES-256-GCM, SHA-256, short transactions as the user) with
 * each blob driver, beside the raw throughput of the same bytes through the same store without encryption —
 * the limit — as a ratio; and the time to the first byte of a video range request (policy decision and audit
 * event, then the first decrypted byte of a 1 MiB range at a random place: a seek), p50/p95 over 30 requests.
 *
 *   npx tsx --conditions=react-server bench/files.ts [MiB]             database driver on PGlite; s3 (PGlite rows)
 *   DATABASE_URL=postgres://… npx tsx --conditions=react-server bench/files.ts [MiB]
 *                                                                      database driver on PGlite and on PostgreSQL;
 *                                                                      s3 (PostgreSQL rows)
 *
 * The `s3` driver runs against s3rver on loopback (an S3-compatible server writing to a temporary directory),
 * so its figures say what the code costs over the protocol, not what a real object store does.
 */
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { Readable } from 'node:stream';
import { GetObjectCommand } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { sql } from 'drizzle-orm';
import { seedDemoWorld } from '@/db/seed/demo-world';
import { appendToVersion } from '@/lib/dal/files/append-version';
import { beginVersion } from '@/lib/dal/files/begin-version';
import { authorizeFileRead } from '@/lib/dal/files/authorize-file-read';
import { deleteFile } from '@/lib/dal/files/delete-file';
import { finishVersion } from '@/lib/dal/files/finish-version';
import { readVersion } from '@/lib/dal/files/read-version';
import { reloadEnv } from '@/lib/env';
import { s3Client } from '@/lib/files/blob-store/s3';
import { demoActors, meta } from '@/tests/helpers/actors';
import { itemIdsByCanary } from '@/tests/helpers/demo';
import { startS3rver } from '@/tests/helpers/s3rver';
import { commandLine } from '../scripts/args';
import { openBenchDatabase } from './lib/database';

const MiB = 1024 * 1024;
const { positionals } = commandLine('npx tsx --conditions=react-server bench/files.ts [MiB, default 256]', {
  options: {},
  allowPositionals: true,
});
const SIZE = Number(positionals[0] ?? 256) * MiB;
// An MP4's first box (ftyp, isom) in front of random bytes: sniffed as video/mp4, so the range reads go through
// the media route's decision as a video seek does; the rest is incompressible.
const ftyp = Buffer.concat([
  Buffer.from([0, 0, 0, 0x20]),
  Buffer.from('ftypisom'),
  Buffer.from([0, 0, 2, 0]),
  Buffer.from('isomiso2avc1mp41'),
]);
const seed = Buffer.concat([ftyp, randomBytes(MiB)]).subarray(0, MiB);
const TTFB_SAMPLES = 30;

async function* source(size = SIZE) {
  for (let at = 0; at < size; at += MiB) yield seed.subarray(0, Math.min(MiB, size - at));
}
async function drain(stream: AsyncIterable<unknown>) {
  let n = 0;
  for await (const piece of stream) n += (piece as Uint8Array).length;
  return n;
}
const rate = (ms: number) => SIZE / MiB / (ms / 1000);
async function timed(run: () => Promise<unknown>) {
  const start = performance.now();
  await run();
  return performance.now() - start;
}
const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

// A throwaway key when none is configured (as bench/run.ts): the benchmark's data is deleted at the end.
process.env.CLEARANCE_MASTER_KEY ??= randomBytes(32).toString('base64');
// The configuration is read once (lib/env.ts): this benchmark parses it again whenever it changes a variable.
reloadEnv();
const postgresUrl = process.env.DATABASE_URL;
const databases = postgresUrl ? (['pglite', 'postgres'] as const) : (['pglite'] as const);
const rows: string[] = [];
console.log(`File storage benchmark: ${SIZE / MiB} MiB through each driver (databases: ${databases.join(', ')})`);

/** One driver on one database: upload, download, raw store beside them, and range TTFB. */
async function measure(
  driver: 'database' | 's3',
  label: string,
  db: Awaited<ReturnType<typeof openBenchDatabase>>['database']['db'],
) {
  const sam = (await demoActors(db)).sam;
  const item = (await itemIdsByCanary(db))['AURORA-RATE-250K'];
  process.env.CLEARANCE_BLOB_STORE = driver;
  reloadEnv();
  let versionId = '';
  let fileId = '';
  const up = await timed(async () => {
    const begun = await beginVersion(sam, { itemId: item, name: 'bench.mp4', declaredSize: SIZE });
    ({ versionId, fileId } = begun);
    await appendToVersion(sam, { versionId, offset: 0, source: source() });
    await finishVersion(sam, versionId);
  });
  const down = await timed(async () => void (await drain((await readVersion(sam, versionId))!.stream)));
  // A video seek as the media route serves it: the decision and its audit event (one transaction), then the
  // first decrypted byte of a 1 MiB range at a random place.
  const ttfbs: number[] = [];
  for (let i = 0; i < TTFB_SAMPLES + 3; i++) {
    const start = Math.floor(Math.random() * (SIZE - MiB));
    const header = `bytes=${start}-${start + MiB - 1}`;
    const t = await timed(async () => {
      const grant = await authorizeFileRead(sam, fileId, { mode: 'media', range: header }, meta);
      if (!grant) throw new Error('the media read was refused');
      const ranged = await readVersion(sam, grant.versionId, { start, end: start + MiB - 1 });
      for await (const _ of ranged!.stream) break;
      ranged!.stream.destroy();
    });
    if (i >= 3) ttfbs.push(t); // three warm-up requests
  }
  ttfbs.sort((a, b) => a - b);
  await deleteFile(sam, fileId);

  // The same bytes through the same store, without encryption, hashing or row-level security.
  let rawUp: number;
  let rawDown: number;
  if (driver === 'database') {
    await db.execute(sql`create table if not exists bench_raw (idx int primary key, data bytea not null)`);
    rawUp = await timed(async () => {
      let idx = 0;
      let batch: Buffer[] = [];
      const flush = async () => {
        const values = batch.map((b, i) => sql`(${idx + i}, decode(${b.toString('base64')}, 'base64'))`);
        await db.transaction(
          async (tx) => void (await tx.execute(sql`insert into bench_raw values ${sql.join(values, sql`, `)}`)),
        );
        idx += batch.length;
        batch = [];
      };
      for await (const piece of source()) {
        batch.push(Buffer.from(piece));
        if (batch.length === 4) await flush();
      }
      if (batch.length) await flush();
    });
    rawDown = await timed(async () => {
      for (let at = 0; at * MiB < SIZE; at += 4) {
        await db.execute(
          sql`select encode(data, 'base64') as d from bench_raw where idx >= ${at} and idx < ${at + 4} order by idx`,
        );
      }
    });
    await db.execute(sql`drop table bench_raw`);
  } else {
    const { client, config } = s3Client();
    const Key = `${config.prefix}bench-raw`;
    rawUp = await timed(() =>
      new Upload({
        client,
        params: { Bucket: config.bucket, Key, Body: Readable.from(source()) },
        partSize: 8 * MiB,
      }).done(),
    );
    rawDown = await timed(async () => {
      const got = await client.send(new GetObjectCommand({ Bucket: config.bucket, Key }));
      await drain(got.Body as AsyncIterable<Uint8Array>);
    });
  }
  rows.push(
    `${label.padEnd(22)} upload ${rate(up).toFixed(1).padStart(7)} MiB/s (raw ${rate(rawUp).toFixed(1).padStart(7)}, ratio ${(rawUp / up).toFixed(2)})` +
      `   download ${rate(down).toFixed(1).padStart(7)} MiB/s (raw ${rate(rawDown).toFixed(1).padStart(7)}, ratio ${(rawDown / down).toFixed(2)})` +
      `   range TTFB p50 ${pct(ttfbs, 50).toFixed(1)} ms p95 ${pct(ttfbs, 95).toFixed(1)} ms (n=${TTFB_SAMPLES})`,
  );
  console.log(rows.at(-1));
}

const s3 = await startS3rver();
reloadEnv();
try {
  for (const kind of databases) {
    // Each database in its own fresh benchmark database (openBenchDatabase reads DATABASE_URL).
    if (kind === 'pglite') delete process.env.DATABASE_URL;
    else process.env.DATABASE_URL = postgresUrl;
    reloadEnv();
    const bench = await openBenchDatabase();
    try {
      await seedDemoWorld(bench.database.db);
      await measure('database', `database (${kind})`, bench.database.db);
      // The s3 driver once, with its rows on the last database (PostgreSQL when there is one): the bytes go to
      // the object store either way.
      if (kind === databases.at(-1)) await measure('s3', `s3 (rows on ${kind})`, bench.database.db);
    } finally {
      await bench.dispose(false);
    }
  }
} finally {
  await s3.stop();
  if (postgresUrl) process.env.DATABASE_URL = postgresUrl;
}
console.log(
  `\nFiles (docs/product.md §8: download ≥ 0.50 and upload ≥ 0.33 of the raw store; range TTFB p95 ≤ 100 ms):`,
);
for (const row of rows) console.log(`  ${row}`);
