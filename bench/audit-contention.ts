/**
 * How long the audit chain's link lock holds up concurrent requests (PostgreSQL only; PGlite has one
 * connection, so everything is serial there anyway).
 *
 * Each simulated request is one transaction that does some work (a 2 ms query) and writes one audit event.
 * "audit last" is how the DAL does it (lib/dal/transaction.ts): the lock covers the insert and the commit.
 * "audit first" is the naive order, where the lock would also cover the request's own work. The figure that
 * matters is how much longer the insert takes under concurrency than alone.
 *
 *   DATABASE_URL=postgres://… npm run bench:audit
 */
import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { fromPostgresUrl } from '@/db/client';

const url = process.env.DATABASE_URL;
if (!url) {
  console.error('Set DATABASE_URL to a PostgreSQL server: this measurement needs real concurrent connections.');
  process.exit(1);
}

const CONCURRENCY = Number(process.env.CONCURRENCY ?? 16);
const PER_WORKER = Number(process.env.PER_WORKER ?? 50);

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
};

async function run(sqlc: postgres.Sql, order: 'last' | 'first', concurrency: number) {
  const insertMs: number[] = [];
  const txMs: number[] = [];
  const worker = async () => {
    for (let i = 0; i < PER_WORKER; i++) {
      const started = performance.now();
      await sqlc.begin(async (tx) => {
        await tx`select set_config('app.user_id', '', true), set_config('role', 'clearance_app', true)`;
        const audit = async () => {
          const t = performance.now();
          await tx`insert into audit_events (action, target_type, outcome) values ('bench.audit', 'bench', 'allowed')`;
          insertMs.push(performance.now() - t);
        };
        if (order === 'first') await audit();
        await tx`select pg_sleep(0.002)`;
        if (order === 'last') await audit();
      });
      txMs.push(performance.now() - started);
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, worker));
  const seconds = (performance.now() - started) / 1000;
  return {
    order,
    concurrency,
    insertP50: percentile(insertMs, 50),
    insertP95: percentile(insertMs, 95),
    txP95: percentile(txMs, 95),
    perSecond: (concurrency * PER_WORKER) / seconds,
  };
}

const name = `clearance_bench_audit_${randomBytes(4).toString('hex')}`;
const admin = postgres(url, { max: 1, onnotice: () => {} });
await admin.unsafe(`create database ${name}`);
const target = new URL(url);
target.pathname = `/${name}`;
try {
  const database = fromPostgresUrl(target.toString(), { max: 1 });
  await database.migrate();
  await database.close();
  const sqlc = postgres(target.toString(), { max: CONCURRENCY, onnotice: () => {} });
  await run(sqlc, 'last', 4); // warm-up
  const rows = [
    await run(sqlc, 'last', 1),
    await run(sqlc, 'last', CONCURRENCY),
    await run(sqlc, 'first', CONCURRENCY),
  ];
  await sqlc.end();
  console.log(`Audit chain under concurrency (${PER_WORKER} transactions per worker, 2 ms of work each):`);
  console.table(
    rows.map((r) => ({
      'audit written': r.order,
      workers: r.concurrency,
      'insert p50 ms': r.insertP50.toFixed(2),
      'insert p95 ms': r.insertP95.toFixed(2),
      'transaction p95 ms': r.txP95.toFixed(2),
      'transactions/s': r.perSecond.toFixed(0),
    })),
  );
} finally {
  await admin.unsafe(`drop database if exists ${name} with (force)`);
  await admin.end();
}
