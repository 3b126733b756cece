/**
 * Scheduled work runs once across instances (PostgreSQL, pg-boss): two runners started at the same moment on one
 * database, as two instances would be, run a job that is due exactly once, and a cron tick exactly once.
 * Each runner has its own pg-boss and its own connections; only the database is shared.
 */
import { eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { jobRuns, users } from '@/db/schema';
import type { JobDefinition } from '@/lib/jobs/definitions';
import type { Runner } from '@/lib/jobs/local-runner';
import { startPgBossRunner } from '@/lib/jobs/pgboss-runner';
import { createTestDatabase, type TestDatabase } from '../helpers/database';

const onPostgres = process.env.TEST_DATABASE === 'postgres';
let database: TestDatabase;
let runners: Runner[] = [];
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A job that counts its runs and takes a moment, so overlapping runs would show. */
function probe(name: string, cron: string) {
  const calls = { n: 0 };
  const job: JobDefinition = {
    name,
    title: name,
    description: name,
    cron,
    when: cron,
    maxSeconds: 60,
    actsAsAdmin: true,
    run: async () => {
      calls.n += 1;
      await sleep(300);
      return { calls: calls.n };
    },
  };
  return { job, calls };
}

async function startTwo(job: JobDefinition): Promise<void> {
  const options = {
    connectionString: database.url!,
    pollingIntervalSeconds: 0.5,
    cronMonitorIntervalSeconds: 1,
    cronWorkerIntervalSeconds: 1,
  };
  runners = await Promise.all([startPgBossRunner([job], options), startPgBossRunner([job], options)]);
}

async function runsOf(name: string) {
  return database.db.select().from(jobRuns).where(eq(jobRuns.job, name));
}

async function waitFor(check: () => Promise<boolean>, seconds: number): Promise<void> {
  const until = Date.now() + seconds * 1000;
  while (Date.now() < until) {
    if (await check()) return;
    await sleep(250);
  }
  throw new Error('timed out');
}

describe.skipIf(!onPostgres)('scheduled work on PostgreSQL', () => {
  beforeAll(async () => {
    database = await createTestDatabase();
    // Scheduled work acts as the longest-standing active administrator.
    await database.db.insert(users).values({ email: 'admin@jobs.test', name: 'Admin', role: 'admin' });
  });
  afterEach(async () => {
    await Promise.all(runners.map((r) => r.stop()));
    runners = [];
  });
  afterAll(async () => database?.dispose());

  it('runs a job that missed its tick once, although both instances start at once and both see it due', async () => {
    const { job, calls } = probe('probe-catch-up', '0 0 1 1 *');
    // It last ran two years ago: the yearly tick since was missed while "no instance was up".
    await database.db.insert(jobRuns).values({
      job: job.name,
      trigger: 'schedule',
      startedAt: new Date(Date.now() - 2 * 365 * 86_400_000),
      outcome: 'succeeded',
    });
    await startTwo(job);
    await waitFor(
      async () =>
        (await runsOf(job.name)).some((r) => r.outcome === 'succeeded' && r.startedAt > new Date(Date.now() - 60_000)),
      60,
    );
    await sleep(4000); // time for a second run to show, if there were one
    expect(calls.n).toBe(1);
    const runs = await runsOf(job.name);
    expect(runs).toHaveLength(2);
    expect(runs.filter((r) => r.outcome === 'succeeded')).toHaveLength(2);
  });

  it('runs each cron tick once across two instances', async () => {
    const { job, calls } = probe('probe-every-minute', '* * * * *');
    await startTwo(job);
    // The next minute's tick: up to a minute away.
    await waitFor(async () => (await runsOf(job.name)).some((r) => r.outcome === 'succeeded'), 90);
    await sleep(4000);
    const runs = await runsOf(job.name);
    const perMinute = new Map<string, number>();
    for (const r of runs)
      perMinute.set(
        r.startedAt.toISOString().slice(0, 16),
        (perMinute.get(r.startedAt.toISOString().slice(0, 16)) ?? 0) + 1,
      );
    expect([...perMinute.values()].every((n) => n === 1)).toBe(true);
    expect(calls.n).toBe(runs.length);
  });
});
