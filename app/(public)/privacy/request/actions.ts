'use server';

/** The public privacy-request form and its verification steps (issue 6). Anyone may call these. */

import { redirect } from 'next/navigation';
import { publicAction } from '@/lib/actions/action';
import { submitPublicRequest } from '@/lib/dal/privacy/submit-public-request';
import { CODE_RESENT } from '@/lib/privacy/messages';
import { resendRequestCode } from '@/lib/dal/privacy/resend-request-code';
import { verifyRequestCode } from '@/lib/dal/privacy/verify-request-code';
import {
  confirmAsSubjectSchema,
  publicRequestSchema,
  resendCodeSchema,
  verifyCodeSchema,
} from '@/lib/validations/privacy';

export const submitPrivacyRequestAction = publicAction(publicRequestSchema, async (input, { meta }) => {
  const { requestId } = await submitPublicRequest(input, meta);
  redirect(`/privacy/request/${requestId}`);
});

export const verifyPrivacyCodeAction = publicAction(verifyCodeSchema, async (input, { meta }) => {
  await verifyRequestCode({ ...input, purpose: 'requester' }, meta);
  redirect(`/privacy/request/${input.requestId}`);
});

export const confirmAsSubjectAction = publicAction(confirmAsSubjectSchema, async (input, { meta }) => {
  await verifyRequestCode(
    { requestId: input.requestId, code: input.code, purpose: 'subject', agentMayReceive: input.agentMayReceive },
    meta,
  );
  redirect(`/privacy/request/${input.requestId}/confirm`);
});

export const resendPrivacyCodeAction = publicAction(resendCodeSchema, async (input, { meta }) => {
  await resendRequestCode(input, meta);
  return { ok: true, message: CODE_RESENT };
});
