'use server';

import { finishSignIn } from '@/lib/actions/finish-sign-in';
import { publicAction } from '@/lib/actions/action';
import { slowDown } from '@/lib/actions/slow-down';
import { readChallengeCookie } from '@/lib/auth/challenge-cookie';
import { BAD_CODE, SIGN_IN_EXPIRED, TOO_MANY_ATTEMPTS } from '@/lib/auth/messages';
import { verifySignInCode } from '@/lib/dal/sign-in/verify-sign-in-code';
import { authenticationCodeSchema } from '@/lib/validations/account';

const MESSAGES = { bad_code: BAD_CODE, expired: SIGN_IN_EXPIRED, locked: TOO_MANY_ATTEMPTS } as const;

/** Sign-in, step 2: a code from the authenticator app or a recovery code, for the challenge in the cookie. */
export const verifyCodeAction = publicAction(authenticationCodeSchema, async (input, { meta }) => {
  const token = await readChallengeCookie();
  if (!token) return { ok: false, message: SIGN_IN_EXPIRED };
  const result = await verifySignInCode(token, input.code, meta);
  if (!result.ok) {
    await slowDown(result.delayMs);
    return { ok: false, message: MESSAGES[result.reason] };
  }
  await finishSignIn(token);
  return { ok: false, message: SIGN_IN_EXPIRED };
});
