'use server';

import { revalidatePath } from 'next/cache';
import { signedInAction } from '@/lib/actions/action';
import { sendQueuedEmails } from '@/lib/actions/send-emails';
import { decideAccessRequest } from '@/lib/dal/access-requests/decide-access-request';
import { decideAccessRequestSchema } from '@/lib/validations/access-requests';

export const decideAccessRequestAction = signedInAction(decideAccessRequestSchema, async (input, { user, meta }) => {
  const { outcome } = await decideAccessRequest(user, input, meta);
  await sendQueuedEmails();
  revalidatePath('/admin/requests');
  revalidatePath('/admin/projects', 'layout');
  return { ok: true, message: `Request ${outcome}.` };
});
