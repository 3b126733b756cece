import { z } from 'zod';
import { uuid } from './ids';

const emptyToUndefined = (v: unknown) => (v === '' || v === null ? undefined : v);
const reason = z
  .string()
  .trim()
  .min(3, 'Give a reason (at least 3 characters).')
  .max(1000, 'Keep it under 1,000 characters.');

/** The owning client's answer to a change to their hand-over (lowered from high-risk or shared). */
export const decideHandoverChangeSchema = z
  .object({
    requestId: uuid,
    decision: z.enum(['approve', 'refuse'], { message: 'Approve or refuse.' }),
    reason: z.preprocess(emptyToUndefined, reason.optional()),
  })
  .refine((v) => v.decision === 'approve' || v.reason !== undefined, {
    message: 'Say why you refuse this change.',
    path: ['reason'],
  });
