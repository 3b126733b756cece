import { z } from 'zod';
import { REVIEW_DECISIONS, SCOPES } from '@/lib/vocabulary';
import { uuid } from './ids';

/** Opening or ending a project's access review. */
export const reviewProjectSchema = z.object({ projectId: uuid });

/** One decision in a review: confirm, narrow (with the scopes kept) or revoke one grant. */
export const reviewDecisionSchema = z.object({
  projectId: uuid,
  grantKind: z.enum(['membership', 'allowlist'], { message: 'Not a valid grant.' }),
  grantId: uuid,
  // `expired` is the review window's, never a person's decision.
  decision: z.enum(REVIEW_DECISIONS).exclude(['expired'], { message: 'Choose confirm, narrow or revoke.' }),
  scopes: z.preprocess(
    (v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]),
    z.array(z.enum(SCOPES, { message: 'Not a valid scope.' })),
  ),
});

/** A client's review interval: at most the agency's 90 days, at least a week. */
export const reviewScheduleSchema = z.object({
  clientAccountId: uuid,
  days: z.coerce
    .number({ message: 'Enter a number of days.' })
    .int('Enter a whole number of days.')
    .min(7, 'At least 7 days.')
    .max(90, 'At most 90 days (the agency’s default).'),
});
