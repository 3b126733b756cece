'use server';

import { revalidatePath } from 'next/cache';
import { signedInAction } from '@/lib/actions/action';
import { markNotificationsRead } from '@/lib/dal/notifications/mark-notifications-read';
import { NOT_FOUND_MESSAGE } from '@/lib/errors';
import { markReadSchema } from '@/lib/validations/notifications';

export const markReadAction = signedInAction(markReadSchema, async (input, { user }) => {
  const marked = await markNotificationsRead(user, input.all ? 'all' : input.ids);
  // Nothing of the caller's to mark: the same answer as for someone else's notification.
  if (marked === 0) return { ok: false, message: NOT_FOUND_MESSAGE };
  revalidatePath('/', 'layout');
  return { ok: true, message: marked === 1 ? 'Marked as read.' : `${marked} notifications marked as read.` };
});
