import { z } from 'zod';
import { PUBLIC_USE_KINDS } from '@/lib/vocabulary';
import { uuid } from './ids';
import { signature } from './client';

const emptyToUndefined = (v: unknown) => (v === '' || v === null ? undefined : v);
const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Use a date like 2027-01-31.')
  .refine((s) => !Number.isNaN(Date.parse(s)), 'Not a real date.');
// Public words: one line each, no control characters (they are published as written).
const oneLine = (label: string, max: number) =>
  z
    .string()
    .trim()
    .min(3, `Write the ${label}.`)
    .max(max, `Keep the ${label} under ${max} characters.`)
    .refine((s) => !/[\u0000-\u001f\u007f]/.test(s), `The ${label} must be plain text on one line.`);

export const requestAuthorizationSchema = z.object({
  projectId: uuid,
  kind: z.enum(PUBLIC_USE_KINDS, { message: 'Choose what the client is asked to allow.' }),
  publicTitle: oneLine('public title', 120),
  publicSummary: oneLine('public summary', 600),
  expiresAt: z.preprocess(emptyToUndefined, day.transform((s) => new Date(`${s}T23:59:59.999Z`)).optional()),
});

export const signAuthorizationSchema = z.object({
  requestId: uuid,
  textSha256: z.string().regex(/^[0-9a-f]{64}$/, 'Reload the page and read the text again.'),
  ...signature,
});

export const refuseAuthorizationSchema = z.object({
  requestId: uuid,
  reason: z
    .string()
    .trim()
    .min(3, 'Say why you refuse (at least 3 characters).')
    .max(1000, 'Keep it under 1,000 characters.'),
});

export const revokeAuthorizationSchema = z.object({
  recordId: uuid,
  reason: z
    .string()
    .trim()
    .min(3, 'Say why you revoke it (at least 3 characters).')
    .max(1000, 'Keep it under 1,000 characters.'),
});
