/**
 * File storage throughput (issue 13 benchmark; reported, not gating): a 256 MiB file uploaded and downloaded
 * through the storage core (lib/dal/files: chunked AES-256-GCM, SHA-256, short transactions as the user) with
 * each blob driver, beside the raw throughput of the same bytes through the same store without encryption —
 * the limit — as a ratio; and the time to the first byte of a 1 MiB range read from the middle (a video seek).
 *
 *   npx tsx --conditions=react-server bench/files.ts [MiB]             PGlite (fresh directory)
 *   DATABASE_URL=postgres://… npx tsx --conditions=react-server bench/files.ts [MiB]
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
import { deleteFile } from '@/lib/dal/files/delete-file';
import { finishVersion } from '@/lib/dal/files/finish-version';
import { readVersion } from '@/lib/dal/files/read-version';
import { s3Client } from '@/lib/files/blob-store/s3';
import { demoActors } from '@/tests/helpers/actors';
import { itemIdsByCanary } from '@/tests/helpers/demo';
import { startS3rver } from '@/tests/helpers/s3rver';
import { openBenchDatabase } from './lib/database';

const MiB = 1024 * 1024;
const SIZE = Number(process.argv[2] ?? 256) * MiB;
const seed = Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(MiB)]).subarray(0, MiB);

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

// A throwaway key when none is configured (as bench/run.ts): the benchmark's data is deleted at the end.
process.env.CLEARANCE_MASTER_KEY ??= randomBytes(32).toString('base64');
const bench = await openBenchDatabase();
const { db } = bench.database;
try {
  await seedDemoWorld(db);
  const sam = (await demoActors(db)).sam;
  const item = (await itemIdsByCanary(db))['AURORA-RATE-250K'];
  const s3 = await startS3rver();
  console.log(`File storage benchmark: ${SIZE / MiB} MiB, database ${bench.label}`);
  const rows: string[] = [];

  for (const driver of ['database', 's3'] as const) {
    process.env.CLEARANCE_BLOB_STORE = driver;
    let versionId = '';
    let fileId = '';
    const up = await timed(async () => {
      const begun = await beginVersion(sam, { itemId: item, name: 'bench.pdf', declaredSize: SIZE });
      ({ versionId, fileId } = begun);
      await appendToVersion(sam, { versionId, offset: 0, source: source() });
      await finishVersion(sam, versionId);
    });
    const down = await timed(async () => void (await drain((await readVersion(sam, versionId))!.stream)));
    const ttfb = await timed(async () => {
      const ranged = await readVersion(sam, versionId, { start: Math.floor(SIZE / 2), end: Math.floor(SIZE / 2) + MiB - 1 });
      for await (const _ of ranged!.stream) break;
      ranged!.stream.destroy();
    });
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
          await db.transaction(async (tx) => void (await tx.execute(sql`insert into bench_raw values ${sql.join(values, sql`, `)}`)));
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
        for (let at = 0; at * MiB < SIZE; at += 8) {
          await db.execute(sql`select encode(data, 'base64') as d from bench_raw where idx >= ${at} and idx < ${at + 8} order by idx`);
        }
      });
      await db.execute(sql`drop table bench_raw`);
    } else {
      const { client, config } = s3Client();
      const Key = `${config.prefix}bench-raw`;
      rawUp = await timed(() => new Upload({ client, params: { Bucket: config.bucket, Key, Body: Readable.from(source()) }, partSize: 8 * MiB }).done());
      rawDown = await timed(async () => {
        const got = await client.send(new GetObjectCommand({ Bucket: config.bucket, Key }));
        await drain(got.Body as AsyncIterable<Uint8Array>);
      });
    }
    rows.push(
      `${driver.padEnd(9)} upload ${rate(up).toFixed(1).padStart(7)} MiB/s (raw ${rate(rawUp).toFixed(1).padStart(7)}, ratio ${(rawUp / up).toFixed(2)})` +
        `   download ${rate(down).toFixed(1).padStart(7)} MiB/s (raw ${rate(rawDown).toFixed(1).padStart(7)}, ratio ${(rawDown / down).toFixed(2)})` +
        `   range TTFB ${ttfb.toFixed(1)} ms`,
    );
    console.log(rows.at(-1));
  }
  await s3.stop();
} finally {
  await bench.dispose(false);
}
