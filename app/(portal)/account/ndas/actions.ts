'use server';

import { revalidatePath } from 'next/cache';
import { signedInAction } from '@/lib/actions/action';
import { sendQueuedEmails } from '@/lib/actions/send-emails';
import { refuseNda } from '@/lib/dal/ndas/refuse-nda';
import { signNda } from '@/lib/dal/ndas/sign-nda';
import { refuseNdaSchema, signNdaSchema } from '@/lib/validations/ndas';

export const signNdaAction = signedInAction(signNdaSchema, async (input, { user, meta }) => {
  await signNda(user, input, meta);
  await sendQueuedEmails();
  revalidatePath('/account/ndas');
  return { ok: true, message: 'Signed. Your signed record is below; you can download it.' };
});

export const refuseNdaAction = signedInAction(refuseNdaSchema, async (input, { user, meta }) => {
  await refuseNda(user, input, meta);
  await sendQueuedEmails();
  revalidatePath('/account/ndas');
  return { ok: true, message: 'Refused. The admin who sent it has been told.' };
});
