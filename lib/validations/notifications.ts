import { z } from 'zod';
import { uuid } from './ids';

const emptyToUndefined = (v: unknown) => (v === '' || v === null ? undefined : v);

/** Marks the listed notifications read, or all of them. */
export const markReadSchema = z.object({
  ids: z
    .union([uuid, z.array(uuid).max(200)])
    .optional()
    .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v])),
  all: z.preprocess(emptyToUndefined, z.literal('on').optional()),
});
