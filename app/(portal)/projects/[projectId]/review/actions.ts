'use server';

import { revalidatePath } from 'next/cache';
import { signedInAction } from '@/lib/actions/action';
import { decideReviewGrant } from '@/lib/dal/reviews/decide-review-grant';
import { endAccessReview } from '@/lib/dal/reviews/end-access-review';
import { openAccessReview } from '@/lib/dal/reviews/open-access-review';
import { formatDate } from '@/lib/labels';
import { reviewDecisionSchema, reviewProjectSchema } from '@/lib/validations/reviews';

const DONE = { confirmed: 'Confirmed.', narrowed: 'Scopes narrowed.', revoked: 'Access revoked.' } as const;

export const openReviewAction = signedInAction(reviewProjectSchema, async (input, { user, meta }) => {
  const { dueAt } = await openAccessReview(user, input, meta);
  revalidatePath(`/projects/${input.projectId}/review`);
  return { ok: true, message: `Review opened. Grants not confirmed by ${formatDate(dueAt)} expire then.` };
});

export const decideReviewAction = signedInAction(reviewDecisionSchema, async (input, { user, meta }) => {
  const { closed } = await decideReviewGrant(user, input, meta);
  revalidatePath(`/projects/${input.projectId}/review`);
  return {
    ok: true,
    message: closed ? `${DONE[input.decision]} Every grant is decided: the review is complete.` : DONE[input.decision],
  };
});

export const endReviewAction = signedInAction(reviewProjectSchema, async (input, { user, meta }) => {
  const { expired } = await endAccessReview(user, input, meta);
  revalidatePath(`/projects/${input.projectId}/review`);
  return { ok: true, message: `Review ended. ${expired} unconfirmed grant${expired === 1 ? '' : 's'} expired.` };
});
