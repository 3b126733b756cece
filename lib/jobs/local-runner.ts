import 'server-only';
import { lastRunStarted } from '@/lib/dal/jobs/job-runs';
import type { JobDefinition } from './definitions';
import { runJob } from './run-job';
import { missedTick, nextRun } from './schedule';

/*
 * The embedded database's scheduler: one process holds the PGlite directory (see lib/jobs/server-lock.ts), so
 * exactly once means once in this process. A timer per job, armed for its next cron tick; a run still going
 * when the next tick comes makes that tick skip rather than overlap. Same job definitions as pg-boss.
 */

export type Runner = { stop: () => Promise<void> };

export async function startLocalRunner(jobs: readonly JobDefinition[]): Promise<Runner> {
  const timers = new Map<string, NodeJS.Timeout>();
  const running = new Map<string, Promise<unknown>>();
  let stopped = false;

  const fire = (job: JobDefinition, onlyIfNotStartedSince?: Date) => {
    if (stopped || running.has(job.name)) return;
    const run = runJob(job, { onlyIfNotStartedSince }).finally(() => running.delete(job.name));
    running.set(job.name, run);
  };

  const arm = (job: JobDefinition) => {
    if (stopped) return;
    // At least a second: a timer that fires a hair early would otherwise re-arm for the same tick.
    const delay = Math.max(nextRun(job.cron).getTime() - Date.now(), 1000);
    const timer = setTimeout(() => {
      fire(job);
      arm(job);
    }, delay);
    timer.unref();
    timers.set(job.name, timer);
  };

  for (const job of jobs) {
    const missed = missedTick(job.cron, await lastRunStarted(job.name));
    if (missed) fire(job, missed);
    arm(job);
  }

  return {
    stop: async () => {
      stopped = true;
      for (const timer of timers.values()) clearTimeout(timer);
      await Promise.allSettled(running.values());
    },
  };
}
