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

/** The longest timer armed at once (see arm). */
const MAX_TIMER_MS = 86_400_000;

export async function startLocalRunner(jobs: readonly JobDefinition[]): Promise<Runner> {
  const timers = new Map<string, NodeJS.Timeout>();
  const running = new Map<string, Promise<unknown>>();
  let stopped = false;

  const fire = (job: JobDefinition, onlyIfNotStartedSince?: Date) => {
    if (stopped || running.has(job.name)) return;
    const run = runJob(job, { onlyIfNotStartedSince }).finally(() => running.delete(job.name));
    running.set(job.name, run);
  };

  const arm = (job: JobDefinition, due = nextRun(job.cron)) => {
    if (stopped) return;
    // At least a second: a timer that fires a hair early would otherwise re-arm for the same tick. At most a
    // day: Node fires a timer longer than 2^31-1 ms (24.8 days) at once, so a far tick is waited for in steps.
    const delay = Math.min(Math.max(due.getTime() - Date.now(), 1000), MAX_TIMER_MS);
    const timer = setTimeout(() => {
      if (Date.now() < due.getTime()) return arm(job, due);
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
