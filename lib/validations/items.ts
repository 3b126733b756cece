import { z } from 'zod';
import { CLASSIFICATIONS, ITEM_CATEGORIES } from '@/lib/authz/types';
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
const body = z.string().trim().min(1, 'The item needs some content.').max(20_000, 'Keep the content under 20,000 characters.');

export const createItemSchema = z.object({
  projectId: uuid,
  category: z.enum(ITEM_CATEGORIES, { message: 'Choose a category.' }),
  classification: z.enum(CLASSIFICATIONS, { message: 'Choose a classification.' }).default('confidential'),
  sharedWithCounterparty: checkbox,
  title,
  body,
  allowlistUserIds: idList,
});

export const updateItemSchema = z.object({ itemId: uuid, title, body });

export const classifyItemSchema = z.object({
  itemId: uuid,
  classification: z.enum(CLASSIFICATIONS, { message: 'Choose a classification.' }),
  sharedWithCounterparty: checkbox,
});
