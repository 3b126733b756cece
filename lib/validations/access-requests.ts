import { z } from 'zod';
import { ACCESS_REQUEST_KINDS, SCOPES } from '@/lib/vocabulary';
import { uuid } from './ids';

const emptyToUndefined = (v: unknown) => (v === '' || v === null ? undefined : v);
const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Use a date like 2027-01-31.')
  .refine((s) => !Number.isNaN(Date.parse(s)), 'Not a real date.');
const scopeList = z
  .union([z.enum(SCOPES), z.array(z.enum(SCOPES)).max(SCOPES.length)])
  .optional()
  .transform((v) => (v === undefined ? [] : Array.isArray(v) ? [...new Set(v)] : [v]));

export const createAccessRequestSchema = z
  .object({
    kind: z.enum(ACCESS_REQUEST_KINDS, { message: 'Choose what you ask for.' }),
    projectId: z.preprocess(emptyToUndefined, uuid.optional()),
    itemId: z.preprocess(emptyToUndefined, uuid.optional()),
    scopes: scopeList,
    reason: z
      .string()
      .trim()
      .min(10, 'Say why you need it (at least 10 characters).')
      .max(1000, 'Keep it under 1,000 characters.'),
  })
  .superRefine((v, ctx) => {
    if (v.kind === 'membership' && !v.projectId)
      ctx.addIssue({ code: 'custom', message: 'Choose a project.', path: ['projectId'] });
    if (v.kind === 'membership' && v.scopes.length === 0)
      ctx.addIssue({ code: 'custom', message: 'Choose at least one scope.', path: ['scopes'] });
    if (v.kind === 'high_risk_item' && !v.itemId)
      ctx.addIssue({ code: 'custom', message: 'Choose an item.', path: ['itemId'] });
  });

export const decideAccessRequestSchema = z
  .object({
    requestId: uuid,
    decision: z.enum(['approve', 'refuse'], { message: 'Approve or refuse.' }),
    expiresAt: z.preprocess(emptyToUndefined, day.transform((s) => new Date(`${s}T23:59:59.999Z`)).optional()),
    reason: z.preprocess(
      emptyToUndefined,
      z.string().trim().min(3, 'Give a reason (at least 3 characters).').max(1000).optional(),
    ),
  })
  .refine((v) => v.decision === 'approve' || v.reason !== undefined, {
    message: 'Say why you refuse this request.',
    path: ['reason'],
  });

export const explainAccessSchema = z.object({ itemId: uuid, userId: uuid });
