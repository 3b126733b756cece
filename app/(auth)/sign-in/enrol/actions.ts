'use server';

import { redirect } from 'next/navigation';
import { finishSignIn } from '@/lib/actions/finish-sign-in';
import { publicAction } from '@/lib/actions/action';
import { slowDown } from '@/lib/actions/slow-down';
import { readChallengeCookie } from '@/lib/auth/challenge-cookie';
import { BAD_CODE, SIGN_IN_EXPIRED, TOO_MANY_ATTEMPTS } from '@/lib/auth/messages';
import { confirmSignInEnrolment } from '@/lib/dal/sign-in/confirm-sign-in-enrolment';
import { authenticationCodeSchema } from '@/lib/validations/account';

const MESSAGES = { bad_code: BAD_CODE, expired: SIGN_IN_EXPIRED, locked: TOO_MANY_ATTEMPTS } as const;

/**
 * Sign-in, step 2 for an account that must have two-factor and has none: the first code from the new secret
 * turns it on. The recovery codes come back once, to show before the session opens (continueSignInAction).
 */
export const confirmEnrolmentAction = publicAction(authenticationCodeSchema, async (input, { meta }) => {
  const token = await readChallengeCookie();
  if (!token) return { ok: false, message: SIGN_IN_EXPIRED };
  const result = await confirmSignInEnrolment(token, input.code, meta);
  if (!result.ok) {
    await slowDown(result.delayMs);
    return { ok: false, message: MESSAGES[result.reason] };
  }
  return { ok: true, message: 'Two-factor authentication is on.', data: { codes: result.recoveryCodes.join(' ') } };
});

/** After the recovery codes were shown: the verified challenge becomes the session. */
export async function continueSignInAction(): Promise<void> {
  const token = await readChallengeCookie();
  if (token) await finishSignIn(token);
  redirect('/sign-in?expired=1');
}
