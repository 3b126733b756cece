import 'server-only';
import type { Actor } from '@/lib/authz';
import type { RequestMeta } from '@/lib/dal/audit';
import { env } from '@/lib/env';
import { errorKind, lastRunStarted, recordRunEnd, recordRunStart } from '@/lib/dal/jobs/job-runs';
import { retentionActor } from '@/lib/dal/privacy/retention-actor';
import type { JobDefinition } from './definitions';

export type JobResult =
  { ok: true; runId: string; summary: Record<string, number> } | { ok: false; runId: string | null; errorKind: string };

/** Raised when there is nobody for scheduled work to act as; its name is what the run record shows. */
class NoActiveAdministrator extends Error {
  override name = 'NoActiveAdministrator';
}

/** Stands for "no one" in a job that acts as no one: disabled, so the policy allows it nothing. */
const NO_ONE: Actor = {
  id: '00000000-0000-0000-0000-000000000000',
  role: 'staff',
  disabled: true,
  clientAccountIds: [],
};

/**
 * Runs one job once and records it: a row when it starts, its outcome and counts (or the error's kind) when it
 * ends. Never throws: a failed run is recorded and retried at the next tick. `by` is an administrator's
 * "Run now" (audited as such, and the work acts as them); scheduled work acts as the longest-standing active
 * administrator (CLEARANCE_JOBS_ADMIN_EMAIL names another), as `npm run retention` does.
 * `onlyIfNotStartedSince`: skip when a run started after that tick (a catch-up another instance already did).
 */
export async function runJob(
  job: JobDefinition,
  options: { by?: { actor: Actor; meta: RequestMeta }; onlyIfNotStartedSince?: Date } = {},
): Promise<JobResult | null> {
  if (options.onlyIfNotStartedSince) {
    const last = await lastRunStarted(job.name);
    if (last && last >= options.onlyIfNotStartedSince) return null;
  }
  let runId: string | null = null;
  try {
    runId = await recordRunStart(job.name, options.by ? 'manual' : 'schedule', options.by ?? null);
    const actor = options.by?.actor ?? (await retentionActor(env.jobsAdminEmail));
    if (!actor && job.actsAsAdmin) throw new NoActiveAdministrator();
    // A job that acts as no one never reads `actor`; the system actor below only satisfies the type.
    const summary = await job.run({ actor: actor ?? NO_ONE, now: new Date() });
    await recordRunEnd(runId, { ok: true, summary });
    return { ok: true, runId, summary };
  } catch (error) {
    const kind = errorKind(error);
    // The kind only: messages from the database or a mail server can quote data.
    console.error(`Job ${job.name} failed:`, kind);
    if (runId) await recordRunEnd(runId, { ok: false, errorKind: kind }).catch(() => {});
    return { ok: false, runId, errorKind: kind };
  }
}
