'use server';

import { revalidatePath } from 'next/cache';
import { signedInAction } from '@/lib/actions/action';
import { sendQueuedEmails } from '@/lib/actions/send-emails';
import { refuseAuthorization } from '@/lib/dal/public-use/refuse-authorization';
import { revokeAuthorization } from '@/lib/dal/public-use/revoke-authorization';
import { signAuthorization } from '@/lib/dal/public-use/sign-authorization';
import { requestAuthorization } from '@/lib/dal/public-use/request-authorization';
import {
  refuseAuthorizationSchema,
  requestAuthorizationSchema,
  revokeAuthorizationSchema,
  signAuthorizationSchema,
} from '@/lib/validations/authorizations';

function refresh() {
  revalidatePath('/projects', 'layout');
  revalidatePath('/client');
  revalidatePath('/portfolio');
}

export const requestAuthorizationAction = signedInAction(requestAuthorizationSchema, async (input, { user, meta }) => {
  await requestAuthorization(user, input, meta);
  await sendQueuedEmails();
  refresh();
  return { ok: true, message: 'Request sent. The client will read the exact text and sign or refuse it.' };
});

export const signAuthorizationAction = signedInAction(signAuthorizationSchema, async (input, { user, meta }) => {
  await signAuthorization(user, input, meta);
  await sendQueuedEmails();
  refresh();
  return { ok: true, message: 'Signed. Your signed record is kept with the exact text; you can download it.' };
});

export const refuseAuthorizationAction = signedInAction(refuseAuthorizationSchema, async (input, { user, meta }) => {
  await refuseAuthorization(user, input, meta);
  await sendQueuedEmails();
  refresh();
  return { ok: true, message: 'Refused. Your refusal is on record.' };
});

export const revokeAuthorizationAction = signedInAction(revokeAuthorizationSchema, async (input, { user, meta }) => {
  await revokeAuthorization(user, input, meta);
  await sendQueuedEmails();
  refresh();
  return { ok: true, message: 'Revoked: it ended now. The revocation is a new record.' };
});
