'use server';

import { after } from 'next/server';
import { publicAction } from '@/lib/actions/action';
import { sendQueuedEmails } from '@/lib/actions/send-emails';
import { RESET_REQUESTED } from '@/lib/auth/messages';
import { requestPasswordReset } from '@/lib/dal/account/request-password-reset';
import { smtpConfigured } from '@/lib/mail/smtp';
import { forgotPasswordSchema } from '@/lib/validations/account';

/** Always the same answer, whether or not an account uses the address; the email leaves after the response. */
export const forgotPasswordAction = publicAction(forgotPasswordSchema, async (input, { meta }) => {
  await requestPasswordReset(input.email, meta);
  // Sending after the response keeps its timing from telling whether an email went out.
  if (smtpConfigured()) after(sendQueuedEmails);
  return { ok: true, message: RESET_REQUESTED };
});
