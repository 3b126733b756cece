import 'server-only';
import PgBoss from 'pg-boss';
import { errorKind, lastRunStarted } from '@/lib/dal/jobs/job-runs';
import type { JobDefinition } from './definitions';
import type { Runner } from './local-runner';
import { runJob } from './run-job';
import { missedTick } from './schedule';

/*
 * Scheduled work on PostgreSQL through pg-boss 10, exactly once across instances:
 * - every instance registers the same cron schedules; pg-boss's cron monitor takes a database-wide turn and
 *   sends each tick once (a singleton key per job and minute), so N instances make one job per tick;
 * - each queue is `stately` (at most one job queued and one running per job), and a job is fetched by one
 *   worker only (SKIP LOCKED), so a tick runs on exactly one instance and runs never overlap;
 * - a tick missed while every instance was down is caught up at start: each instance may send a catch-up, and
 *   the one that runs first records it; the others find a run started since that tick and skip.
 * pg-boss keeps its tables in its own schema (`pgboss`) and connects with DATABASE_URL through `pg`.
 */

export type PgBossRunnerOptions = {
  connectionString: string;
  /** Seconds between polls and cron checks: defaults suit production; tests shorten them. */
  pollingIntervalSeconds?: number;
  cronMonitorIntervalSeconds?: number;
  cronWorkerIntervalSeconds?: number;
};

type Payload = { catchUpSince?: string };

/**
 * Instances starting together create the same queues at once, and pg-boss's queue creation (a partition per
 * queue) can deadlock against itself; PostgreSQL aborts one side, whose retry then finds the queue made.
 */
async function deadlockRetried(work: () => Promise<void>, tries = 5): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await work();
    } catch (error) {
      const code = (error as { code?: string }).code;
      if ((code !== '40P01' && code !== '23505') || attempt >= tries) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100 * attempt + Math.random() * 200));
    }
  }
}

export async function startPgBossRunner(jobs: readonly JobDefinition[], options: PgBossRunnerOptions): Promise<Runner> {
  const boss = new PgBoss({
    connectionString: options.connectionString,
    schema: 'pgboss',
    application_name: 'clearance-jobs',
    max: 3,
    ...(options.cronMonitorIntervalSeconds ? { cronMonitorIntervalSeconds: options.cronMonitorIntervalSeconds } : {}),
    ...(options.cronWorkerIntervalSeconds ? { cronWorkerIntervalSeconds: options.cronWorkerIntervalSeconds } : {}),
  });
  // The kind only: pg's messages can quote statements.
  boss.on('error', (error) => console.error('Job queue error:', errorKind(error)));
  await boss.start();
  for (const job of jobs) {
    // A failed run is recorded and waits for its next tick, so pg-boss itself never retries (no double runs).
    await deadlockRetried(() =>
      boss.createQueue(job.name, { name: job.name, policy: 'stately', retryLimit: 0, expireInSeconds: job.maxSeconds }),
    );
    await boss.schedule(job.name, job.cron, {}, { tz: 'UTC' });
    await boss.work<Payload>(
      job.name,
      { pollingIntervalSeconds: options.pollingIntervalSeconds ?? 2, batchSize: 1 },
      async ([task]) => {
        const since = task?.data?.catchUpSince;
        await runJob(job, { onlyIfNotStartedSince: since ? new Date(since) : undefined });
      },
    );
  }
  for (const job of jobs) {
    const missed = missedTick(job.cron, await lastRunStarted(job.name));
    if (missed) await boss.send(job.name, { catchUpSince: missed.toISOString() } satisfies Payload);
  }
  return { stop: () => boss.stop({ graceful: true, wait: true, timeout: 15_000 }) };
}
