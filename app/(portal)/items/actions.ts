'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { secureAction } from '@/lib/actions/secure-action';
import { classifyItem, createItem, updateItem } from '@/lib/dal/items';
import { classifyItemSchema, createItemSchema, updateItemSchema } from '@/lib/validations/items';

export const createItemAction = secureAction(createItemSchema, async (input, { user, meta }) => {
  const { id } = await createItem(user, input, meta);
  revalidatePath(`/projects/${input.projectId}`);
  redirect(`/items/${id}`);
});

export const updateItemAction = secureAction(updateItemSchema, async (input, { user, meta }) => {
  await updateItem(user, input, meta);
  revalidatePath(`/items/${input.itemId}`);
  return { ok: true, message: 'Saved.' };
});

export const classifyItemAction = secureAction(classifyItemSchema, async (input, { user, meta }) => {
  await classifyItem(user, input, meta);
  revalidatePath(`/items/${input.itemId}`);
  return { ok: true, message: 'Classification saved.' };
});
