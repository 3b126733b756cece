'use server';

import { revalidatePath } from 'next/cache';
import { signedInAction } from '@/lib/actions/action';
import { runJobNow } from '@/lib/jobs/job-overview';
import { describeSummary } from '@/lib/jobs/names';
import { runJobNowSchema } from '@/lib/validations/jobs';

/** Scheduled work, by hand (issue 17): runs the job now, in this request, and records it like a scheduled run. */
export const runJobNowAction = signedInAction(runJobNowSchema, async (input, { user, meta }) => {
  const { title, result } = await runJobNow(user, input.job, meta);
  revalidatePath('/admin/jobs');
  if (!result.ok)
    return { ok: false, message: `${title} failed (${result.errorKind}). The failure is recorded below.` };
  const counts = describeSummary(result.summary);
  return { ok: true, message: `${title} ran${counts ? `: ${counts}` : ''}.` };
});
