/**
 * The embedded database's scheduler runs the same job definitions in-process: a job that missed its tick while
 * the server was down runs once at start (a fresh install waits for its first tick), and a failure is recorded
 * with its kind only.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { jobRuns, users } from '@/db/schema';
import { jobByName, type JobDefinition } from '@/lib/jobs/definitions';
import { startLocalRunner } from '@/lib/jobs/local-runner';
import { runJob } from '@/lib/jobs/run-job';
import { createTestDatabase, type TestDatabase } from '../helpers/database';

let database: TestDatabase;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

beforeAll(async () => {
  database = await createTestDatabase();
  await database.db.insert(users).values({ email: 'admin@jobs.test', name: 'Admin', role: 'admin' });
});
afterAll(async () => database?.dispose());

const job = (name: string, run: JobDefinition['run']): JobDefinition => ({
  name,
  title: name,
  description: name,
  cron: '0 0 1 1 *',
  when: 'yearly',
  maxSeconds: 60,
  actsAsAdmin: true,
  run,
});

/** The job's runs once `count` of them (the seeded one included) have finished. */
async function settled(name: string, count = 2) {
  for (let i = 0; i < 100; i += 1) {
    const runs = await database.db.select().from(jobRuns).where(eq(jobRuns.job, name));
    if (runs.length >= count && runs.every((r) => r.outcome !== 'running')) return runs;
    await sleep(100);
  }
  throw new Error('timed out');
}

it('catches up a missed tick once, leaves a never-run job for its first tick, and records a failure by kind', async () => {
  let caughtUp = 0;
  let fresh = 0;
  await database.db.insert(jobRuns).values([
    {
      job: 'missed',
      trigger: 'schedule',
      startedAt: new Date(Date.now() - 2 * 365 * 86_400_000),
      outcome: 'succeeded',
    },
    {
      job: 'failing',
      trigger: 'schedule',
      startedAt: new Date(Date.now() - 2 * 365 * 86_400_000),
      outcome: 'succeeded',
    },
  ]);
  const runner = await startLocalRunner([
    job('missed', async () => ({ n: ++caughtUp })),
    job('fresh', async () => ({ n: ++fresh })),
    job('failing', async () => {
      throw Object.assign(new Error('secret@example.test could not be reached'), { code: 'ECONNREFUSED' });
    }),
  ]);
  const missed = await settled('missed');
  const failing = await settled('failing');
  await runner.stop();
  expect(caughtUp).toBe(1);
  expect(missed).toHaveLength(2);
  expect(fresh).toBe(0);
  expect(failing.find((r) => r.outcome === 'failed')).toMatchObject({ errorKind: 'ECONNREFUSED', summary: null });
  expect(JSON.stringify(failing)).not.toContain('secret@example.test');
});

it('delivers email before the first administrator exists, and records work that needs one as failed by kind', async () => {
  await database.db.update(users).set({ disabledAt: new Date() });
  const email = await runJob(jobByName('email-delivery')!);
  expect(email).toMatchObject({ ok: true, summary: { sent: 0 } });
  const retention = await runJob(jobByName('retention')!);
  expect(retention).toMatchObject({ ok: false, errorKind: 'NoActiveAdministrator' });
});

it('runs the file housekeeping as the database owner, with nobody acting: nothing unfinished or orphaned here', async () => {
  const sweep = await runJob(jobByName('file-sweep')!);
  expect(sweep).toMatchObject({ ok: true, summary: { staleUploads: 0, orphanBlobs: 0 } });
});
