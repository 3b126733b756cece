'use server';

import { redirect } from 'next/navigation';
import { publicAction } from '@/lib/actions/action';
import { resetPassword } from '@/lib/dal/account/reset-password';
import { resetPasswordSchema } from '@/lib/validations/account';

/** Public by nature: the single-use link is the credential. Every session of the account ends. */
export const resetPasswordAction = publicAction(resetPasswordSchema, async (input, { meta }) => {
  await resetPassword(input.token, input.password, meta);
  redirect('/sign-in?reset=1');
});
