import 'server-only';
import type { Actor } from '@/lib/authz';
import type { RequestMeta } from '@/lib/dal/audit';
import { assertAllowed } from '@/lib/dal/guard';
import { listJobHistory, type JobRunView } from '@/lib/dal/jobs/job-runs';
import { outboxBacklog } from '@/lib/dal/outbox/read-outbox-backlog';
import { notFoundError } from '@/lib/errors';
import { JOBS, jobByName } from './definitions';
import { runJob, type JobResult } from './run-job';
import { nextRun } from './schedule';
import { schedulerState, type SchedulerState } from './start-jobs';

/* What /admin/jobs shows and does: each job's schedule, last and next run, recent runs and failures; run one now. */

export type JobOverview = {
  name: string;
  title: string;
  description: string;
  when: string;
  /** Null while the scheduler is off in this instance (CLEARANCE_JOBS=off, or still starting). */
  nextRunAt: Date | null;
  lastRun: JobRunView | null;
  recent: JobRunView[];
  failuresLastWeek: number;
};

export async function listJobOverview(
  actor: Actor,
  now = new Date(),
): Promise<{ scheduler: SchedulerState; jobs: JobOverview[]; outbox: { waiting: number; givenUp: number } }> {
  assertAllowed(actor, 'jobs.manage');
  const scheduler = schedulerState();
  const [history, outbox] = await Promise.all([
    listJobHistory(
      actor,
      JOBS.map((j) => j.name),
      now,
    ),
    outboxBacklog(actor),
  ]);
  const jobs = JOBS.map((job, i) => ({
    name: job.name,
    title: job.title,
    description: job.description,
    when: job.when,
    nextRunAt: scheduler.state === 'running' ? nextRun(job.cron, now) : null,
    lastRun: history[i]!.recent[0] ?? null,
    recent: history[i]!.recent,
    failuresLastWeek: history[i]!.failuresLastWeek,
  }));
  return { scheduler, jobs, outbox };
}

/** An administrator's "Run now": audited as theirs, and the work acts as them. */
export async function runJobNow(
  actor: Actor,
  name: string,
  meta: RequestMeta,
): Promise<{ title: string; result: JobResult }> {
  assertAllowed(actor, 'jobs.manage');
  const job = jobByName(name);
  if (!job) throw notFoundError();
  const result = await runJob(job, { by: { actor, meta } });
  return { title: job.title, result: result! };
}
