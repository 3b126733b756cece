import 'server-only';
import { database } from '@/db/client';
import { errorKind } from '@/lib/dal/jobs/job-runs';
import { env } from '@/lib/env';
import { JOBS } from './definitions';
import type { Runner } from './local-runner';

/*
 * Starts the scheduled work with the server (instrumentation.ts), in the background: boot never waits for it,
 * and while the database is unreachable it retries with growing delays. PostgreSQL gets pg-boss, the embedded
 * database the in-process scheduler. Off in tests and wherever CLEARANCE_JOBS=off (the browser tests, or an
 * instance that should only serve pages); "Run now" on /admin/jobs works either way.
 */

export type SchedulerState = { state: 'off' | 'starting' | 'running'; runner: 'pg-boss' | 'in-process' | null };

const holder = globalThis as unknown as { __clearanceJobs?: { status: SchedulerState; runner?: Runner } };

export const schedulerState = (): SchedulerState => holder.__clearanceJobs?.status ?? { state: 'off', runner: null };

export const jobsEnabled = (): boolean => env.jobsEnabled;

/** pg reads the same URL as postgres.js, less the option only postgres.js knows. */
function pgUrl(url: string): string {
  const parsed = new URL(url);
  parsed.searchParams.delete('prepare');
  return parsed.toString();
}

export function startScheduledWork(): void {
  if (!jobsEnabled() || holder.__clearanceJobs) return;
  const entry: { status: SchedulerState; runner?: Runner } = { status: { state: 'starting', runner: null } };
  holder.__clearanceJobs = entry;
  const attempt = async (delaySeconds: number): Promise<void> => {
    try {
      const { driver } = await database();
      if (driver === 'postgres') {
        const { startPgBossRunner } = await import('./pgboss-runner');
        entry.runner = await startPgBossRunner(JOBS, { connectionString: pgUrl(env.databaseUrl!) });
        entry.status = { state: 'running', runner: 'pg-boss' };
      } else {
        const { startLocalRunner } = await import('./local-runner');
        entry.runner = await startLocalRunner(JOBS);
        entry.status = { state: 'running', runner: 'in-process' };
      }
    } catch (error) {
      console.error(`Scheduled work could not start (${errorKind(error)}); retrying in ${delaySeconds} s.`);
      setTimeout(() => void attempt(Math.min(delaySeconds * 2, 300)), delaySeconds * 1000).unref();
    }
  };
  void attempt(5);
}

/** Stops the runner (tests, and a clean shutdown). */
export async function stopScheduledWork(): Promise<void> {
  const entry = holder.__clearanceJobs;
  holder.__clearanceJobs = undefined;
  await entry?.runner?.stop();
}
