'use server';

import { revalidatePath } from 'next/cache';
import { signedInAction } from '@/lib/actions/action';
import { setReviewSchedule } from '@/lib/dal/reviews/set-review-schedule';
import { reviewScheduleSchema } from '@/lib/validations/reviews';

/** The client asks for their projects' access to be reviewed more often (issue 15 point 7). */
export const setReviewScheduleAction = signedInAction(reviewScheduleSchema, async (input, { user, meta }) => {
  await setReviewSchedule(user, input, meta);
  revalidatePath('/projects/[projectId]/people', 'page');
  return { ok: true, message: `Access to your projects will be reviewed at least every ${input.days} days.` };
});
