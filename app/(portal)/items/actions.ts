'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { signedInAction } from '@/lib/actions/action';
import { sendQueuedEmails } from '@/lib/actions/send-emails';
import { classifyItem } from '@/lib/dal/items/classify-item';
import { createItem } from '@/lib/dal/items/create-item';
import { updateItem } from '@/lib/dal/items/update-item';
import { revealSecret } from '@/lib/dal/credentials/reveal-secret';
import { classifyItemSchema, createItemSchema, revealSecretSchema, updateItemSchema } from '@/lib/validations/items';

export const createItemAction = signedInAction(createItemSchema, async (input, { user, meta }) => {
  const { id } = await createItem(user, input, meta);
  revalidatePath(`/projects/${input.projectId}`);
  redirect(`/items/${id}`);
});

export const updateItemAction = signedInAction(updateItemSchema, async (input, { user, meta }) => {
  await updateItem(user, input, meta);
  revalidatePath(`/items/${input.itemId}`);
  return { ok: true, message: 'Saved.' };
});

export const classifyItemAction = signedInAction(classifyItemSchema, async (input, { user, meta }) => {
  const { status } = await classifyItem(user, input, meta);
  revalidatePath(`/items/${input.itemId}`);
  // A client's hand-over lowered or shared waits for that client: say so, nothing changed yet.
  if (status === 'pending') {
    await sendQueuedEmails();
    return { ok: true, message: 'Sent to the client for approval: nothing changes until they approve.' };
  }
  await sendQueuedEmails();
  return { ok: true, message: 'Classification saved.' };
});

/** Answers with the one secret value (the client shows it for 30 seconds); every attempt is audited. */
export const revealSecretAction = signedInAction(revealSecretSchema, async (input, { user, meta }) => {
  const value = await revealSecret(
    user,
    { itemId: input.itemId, credential: input.password, reason: input.reason },
    meta,
  );
  return { ok: true, message: 'Revealed for 30 seconds.', data: { value } };
});
