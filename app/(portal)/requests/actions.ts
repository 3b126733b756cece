'use server';

import { revalidatePath } from 'next/cache';
import { signedInAction } from '@/lib/actions/action';
import { sendQueuedEmails } from '@/lib/actions/send-emails';
import { createAccessRequest } from '@/lib/dal/access-requests/create-access-request';
import { createAccessRequestSchema } from '@/lib/validations/access-requests';

export const createAccessRequestAction = signedInAction(createAccessRequestSchema, async (input, { user, meta }) => {
  await createAccessRequest(
    user,
    input.kind === 'membership'
      ? { kind: 'membership', projectId: input.projectId!, scopes: input.scopes, reason: input.reason }
      : { kind: 'high_risk_item', itemId: input.itemId!, reason: input.reason },
    meta,
  );
  await sendQueuedEmails();
  revalidatePath('/requests');
  return { ok: true, message: 'Request sent to the access administrators.' };
});
