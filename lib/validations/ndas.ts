import { z } from 'zod';
import { signature } from './client';
import { uuid } from './ids';

/** The signer answers an NDA sent to them: the hash of the text the page showed, their typed name, consent. */
export const signNdaSchema = z.object({
  requestId: uuid,
  textSha256: z.string().regex(/^[0-9a-f]{64}$/, 'Reload the page and read the text again.'),
  ...signature,
});

export const refuseNdaSchema = z.object({
  requestId: uuid,
  reason: z
    .string()
    .trim()
    .min(3, 'Say why you refuse (at least 3 characters).')
    .max(1000, 'Keep it under 1,000 characters.'),
});
