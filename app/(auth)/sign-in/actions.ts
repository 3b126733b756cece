'use server';

import { redirect } from 'next/navigation';
import { finishSignIn } from '@/lib/actions/finish-sign-in';
import { publicAction } from '@/lib/actions/action';
import { slowDown } from '@/lib/actions/slow-down';
import { setChallengeCookie } from '@/lib/auth/challenge-cookie';
import { SIGN_IN_FAILED, TOO_MANY_ATTEMPTS } from '@/lib/auth/messages';
import { beginSignIn } from '@/lib/dal/sign-in/begin-sign-in';
import { signInSchema } from '@/lib/validations/account';

/**
 * Sign-in, step 1: email and password. One message for every failure: it must not tell whether the account
 * exists. A correct password opens no session by itself: it leads to the second step when the account has
 * or needs two-factor, else straight to Auth.js with the verified challenge.
 */
export const signInAction = publicAction(signInSchema, async (input, { meta }) => {
  const values = { email: input.email };
  const step = await beginSignIn(input.email, input.password, meta);
  if (!step.ok) {
    await slowDown(step.delayMs);
    return { ok: false, message: step.locked ? TOO_MANY_ATTEMPTS : SIGN_IN_FAILED, values };
  }
  if (step.secondFactor === 'none') {
    // A successful sign-in ends in Next's redirect, which propagates.
    await finishSignIn(step.token);
    return { ok: false, message: SIGN_IN_FAILED, values };
  }
  await setChallengeCookie(step.token);
  redirect(step.secondFactor === 'verify' ? '/sign-in/verify' : '/sign-in/enrol');
});
