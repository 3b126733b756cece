import 'server-only';
import { bindCredential } from '@/lib/dal/account/bind-credential';
import { and, desc, eq, gte, lt, sql } from 'drizzle-orm';
import { jobRuns, users } from '@/db/schema';
import type { Actor } from '@/lib/authz';
import { assertAllowed } from '../guard';
import type { RequestMeta } from '../audit';
import { withActor } from '../transaction';

/*
 * The record of scheduled work: a row when a run starts, completed when it ends. A run an administrator starts
 * by hand is audited (who asked for which job); what the job itself changes is audited by the DAL it calls.
 */

export type JobTrigger = 'schedule' | 'manual';

/** The kind of a failure, safe to store and show: a class name or driver code, never a message. */
export function errorKind(error: unknown): string {
  if (error && typeof error === 'object') {
    const code = (error as { code?: unknown }).code;
    if (typeof code === 'string' && /^[A-Za-z0-9_.-]{1,40}$/.test(code)) return code;
    const name = (error as { name?: unknown }).name;
    if (typeof name === 'string' && /^[A-Za-z0-9_.-]{1,60}$/.test(name)) return name;
  }
  return 'unknown';
}

export async function recordRunStart(
  job: string,
  trigger: JobTrigger,
  by: { actor: Actor; meta: RequestMeta } | null,
): Promise<string> {
  return withActor(by?.actor ?? null, async ({ tx, audit }) => {
    await bindCredential(tx, { job: 'job_runs' });
    const [row] = await tx
      .insert(jobRuns)
      .values({ job, trigger, requestedBy: by?.actor.id ?? null })
      .returning({ id: jobRuns.id });
    if (by)
      audit({
        actorId: by.actor.id,
        action: 'job.run_now',
        targetType: 'job',
        targetId: row!.id,
        outcome: 'allowed',
        details: { job },
        meta: by.meta,
      });
    return row!.id;
  });
}

export async function recordRunEnd(
  runId: string,
  result: { ok: true; summary: Record<string, number> } | { ok: false; errorKind: string },
): Promise<void> {
  await withActor(null, async ({ tx }) => {
    await bindCredential(tx, { job: 'job_runs' });
    await tx
      .update(jobRuns)
      .set(
        result.ok
          ? { finishedAt: new Date(), outcome: 'succeeded', summary: result.summary }
          : { finishedAt: new Date(), outcome: 'failed', errorKind: result.errorKind },
      )
      .where(eq(jobRuns.id, runId));
  });
}

/** When the job last started (any trigger, any outcome): the runners' test of whether a tick was missed. */
export async function lastRunStarted(job: string): Promise<Date | null> {
  const [row] = await withActor(null, async ({ tx }) => {
    await bindCredential(tx, { job: 'job_runs' });
    return tx
      .select({ startedAt: jobRuns.startedAt })
      .from(jobRuns)
      .where(eq(jobRuns.job, job))
      .orderBy(desc(jobRuns.startedAt))
      .limit(1);
  });
  return row?.startedAt ?? null;
}

export type JobRunView = {
  id: string;
  trigger: JobTrigger;
  by: string | null;
  startedAt: Date;
  finishedAt: Date | null;
  outcome: 'running' | 'succeeded' | 'failed';
  errorKind: string | null;
  summary: Record<string, number> | null;
};

export type JobHistory = { job: string; recent: JobRunView[]; failuresLastWeek: number };

/** For /admin/jobs: each job's recent runs (newest first) and its failures in the last seven days. */
export async function listJobHistory(actor: Actor, jobs: readonly string[], now = new Date()): Promise<JobHistory[]> {
  assertAllowed(actor, 'jobs.manage');
  const weekAgo = new Date(now.getTime() - 7 * 86_400_000);
  return withActor(actor, async ({ tx }) => {
    const out: JobHistory[] = [];
    for (const job of jobs) {
      const recent = await tx
        .select({
          id: jobRuns.id,
          trigger: jobRuns.trigger,
          by: users.name,
          startedAt: jobRuns.startedAt,
          finishedAt: jobRuns.finishedAt,
          outcome: jobRuns.outcome,
          errorKind: jobRuns.errorKind,
          summary: jobRuns.summary,
        })
        .from(jobRuns)
        .leftJoin(users, eq(users.id, jobRuns.requestedBy))
        .where(eq(jobRuns.job, job))
        .orderBy(desc(jobRuns.startedAt))
        .limit(5);
      const [failed] = await tx
        .select({ n: sql<number>`count(*)::int` })
        .from(jobRuns)
        .where(and(eq(jobRuns.job, job), eq(jobRuns.outcome, 'failed'), gte(jobRuns.startedAt, weekAgo)));
      out.push({ job, recent, failuresLastWeek: failed?.n ?? 0 });
    }
    return out;
  });
}

/** Housekeeping (the retention job): run records older than `days` go; email delivery alone writes one a minute. */
export async function pruneJobRuns(days: number, now = new Date()): Promise<number> {
  const cutoff = new Date(now.getTime() - days * 86_400_000);
  const gone = await withActor(null, async ({ tx }) => {
    await bindCredential(tx, { job: 'job_runs' });
    return tx.delete(jobRuns).where(lt(jobRuns.startedAt, cutoff)).returning({ id: jobRuns.id });
  });
  return gone.length;
}
