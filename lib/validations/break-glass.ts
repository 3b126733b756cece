import { z } from 'zod';
import { SCOPES } from '@/lib/vocabulary';
import { uuid } from './ids';

const emptyToUndefined = (v: unknown) => (v === '' || v === null ? undefined : v);
const list = <T extends z.ZodType>(item: T, max: number) =>
  z
    .union([item, z.array(item).max(max)])
    .optional()
    .transform((v) => (v === undefined ? [] : Array.isArray(v) ? [...new Set(v)] : [v]));

/**
 * Break-glass (docs/product.md §14): one project, a reason, the scopes and high-risk items needed, at most 24 hours;
 * the NDA fields only when the admin holds no valid NDA for the client (the form then shows the text).
 */
export const startBreakGlassSchema = z
  .object({
    projectId: uuid,
    reason: z
      .string()
      .trim()
      .min(10, 'Say why this cannot wait for another admin (at least 10 characters).')
      .max(1000, 'Keep it under 1,000 characters.'),
    scopes: list(z.enum(SCOPES), SCOPES.length),
    itemIds: list(uuid, 50),
    hours: z.coerce
      .number({ message: 'Choose how many hours (1 to 24).' })
      .int('Whole hours only.')
      .min(1, 'At least 1 hour.')
      .max(24, 'Break-glass lasts at most 24 hours.'),
    ndaVersionId: z.preprocess(emptyToUndefined, uuid.optional()),
    textSha256: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .regex(/^[0-9a-f]{64}$/, 'Reload the page and read the text again.')
        .optional(),
    ),
    fullName: z.preprocess(emptyToUndefined, z.string().trim().min(2, 'Type your full name.').max(200).optional()),
    consent: z.preprocess(
      emptyToUndefined,
      z.literal('on', { message: 'Tick the box to confirm you consent.' }).optional(),
    ),
  })
  .refine((v) => v.scopes.length > 0, { message: 'Choose at least one kind of data.', path: ['scopes'] })
  .refine((v) => v.fullName === undefined || v.consent === 'on', {
    message: 'Tick the box to sign the NDA.',
    path: ['consent'],
  })
  .transform(({ ndaVersionId, textSha256, fullName, consent: _consent, ...rest }) => ({
    ...rest,
    nda: ndaVersionId && textSha256 && fullName ? { ndaVersionId, textSha256, fullName } : undefined,
  }));

export const endBreakGlassSchema = z.object({ breakGlassId: uuid });
