import { z } from 'zod';
import { dateOrderIssue, dateRangeFields, inOrder } from './dates';
import { uuid } from './ids';

const emptyToUndefined = (v: unknown) => (v === '' || v === null ? undefined : v);
const reason = z
  .string()
  .trim()
  .min(3, 'Give a reason (at least 3 characters).')
  .max(1000, 'Keep it under 1,000 characters.');

/** Typing one's full name and ticking consent: how a client signs (docs/product.md §5). */
export const signature = {
  fullName: z.string().trim().min(2, 'Type your full name.').max(200, 'Keep it under 200 characters.'),
  consent: z.literal('on', { message: 'Tick the box to confirm you consent.' }),
};

export const approvalSettingSchema = z.object({
  clientAccountId: uuid,
  required: z.enum(['on', 'off'], { message: 'Choose on or off.' }).transform((v) => v === 'on'),
});

export const zeroAssociationSchema = z.object({ clientAccountId: uuid, ...signature });

export const decideGrantSchema = z
  .object({
    entryId: uuid,
    decision: z.enum(['approve', 'refuse'], { message: 'Approve or refuse.' }),
    reason: z.preprocess(emptyToUndefined, reason.optional()),
  })
  .refine((v) => v.decision === 'approve' || v.reason !== undefined, {
    message: 'Say why you refuse this access.',
    path: ['reason'],
  });

export const historyFilterSchema = z
  .object({
    projectId: z.preprocess(emptyToUndefined, uuid.optional()),
    personId: z.preprocess(emptyToUndefined, uuid.optional()),
    ...dateRangeFields,
  })
  .refine(inOrder, dateOrderIssue);
