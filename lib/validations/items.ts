import { z } from 'zod';
import { CLASSIFICATIONS, ITEM_CATEGORIES } from '@/lib/vocabulary';
import { uuid } from './ids';

const checkbox = z
  .union([z.literal('on'), z.literal('true'), z.literal('')])
  .optional()
  .transform((v) => v === 'on' || v === 'true');

const idList = z
  .union([uuid, z.array(uuid).max(200)])
  .optional()
  .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]));

const title = z.string().trim().min(1, 'Give the item a title.').max(200, 'Keep the title under 200 characters.');
const body = z
  .string()
  .trim()
  .min(1, 'The item needs some content.')
  .max(20_000, 'Keep the content under 20,000 characters.');

/** A credentials item's secret value: kept exactly as typed (spaces may matter); blank means none or unchanged. */
const secret = z
  .string()
  .max(4_000, 'Keep the value under 4,000 characters.')
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v));

export const createItemSchema = z
  .object({
    projectId: uuid,
    category: z.enum(ITEM_CATEGORIES, { message: 'Choose a category.' }),
    classification: z.enum(CLASSIFICATIONS, { message: 'Choose a classification.' }).default('confidential'),
    sharedWithCounterparty: checkbox,
    title,
    body,
    allowlistUserIds: idList,
    secret,
  })
  .superRefine((input, ctx) => {
    if (input.category === 'credentials' && !input.secret) {
      ctx.addIssue({ code: 'custom', path: ['secret'], message: 'Enter the value to keep (a password, a token).' });
    }
  })
  // Only credentials items hold a secret value; a stray one from another category is dropped, never stored.
  .transform((input) => ({ ...input, secret: input.category === 'credentials' ? input.secret : undefined }));

/** Editing never shows the stored secret: a blank `secret` keeps it. */
export const updateItemSchema = z.object({ itemId: uuid, title, body, secret });

export const revealSecretSchema = z.object({
  itemId: uuid,
  // The user's own password, or a TOTP code when they have two-factor (named `password`: never echoed back).
  password: z.string().min(1, 'Enter your password.').max(1_000, 'Enter your password.'),
  reason: z
    .string()
    .trim()
    .min(3, 'Say why you need to see this value.')
    .max(500, 'Keep the reason under 500 characters.'),
});

export const classifyItemSchema = z.object({
  itemId: uuid,
  classification: z.enum(CLASSIFICATIONS, { message: 'Choose a classification.' }),
  sharedWithCounterparty: checkbox,
});
