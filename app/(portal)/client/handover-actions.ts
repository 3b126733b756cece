'use server';

import { revalidatePath } from 'next/cache';
import { signedInAction } from '@/lib/actions/action';
import { sendQueuedEmails } from '@/lib/actions/send-emails';
import { decideHandoverChange } from '@/lib/dal/handover/decide-handover-change';
import { decideHandoverChangeSchema } from '@/lib/validations/handover';

export const decideHandoverChangeAction = signedInAction(decideHandoverChangeSchema, async (input, { user, meta }) => {
  await decideHandoverChange(user, input, meta);
  await sendQueuedEmails();
  revalidatePath('/client');
  return {
    ok: true,
    message: input.decision === 'approve' ? 'Approved: the change is applied.' : 'Refused: the item stays as it was.',
  };
});
