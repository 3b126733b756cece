/** What the account screens say. One message per situation, none revealing whether an account exists. */

export const SIGN_IN_FAILED = 'The email or password is incorrect, or the account cannot sign in.';
export const TOO_MANY_ATTEMPTS = 'Too many attempts. Try again in a few minutes.';
export const BAD_CODE = 'That code is not valid, or it has already been used.';
export const SIGN_IN_EXPIRED = 'This sign-in has expired. Sign in again.';
export const WRONG_CREDENTIAL = 'That password or code is not correct.';
export const WRONG_PASSWORD = 'Your current password is not correct.';
export const RESET_REQUESTED =
  'If an account uses that address, we have sent it a link to set a new password. The link works once, within 30 minutes.';
export const INVALID_RESET_LINK = 'This link to set a new password is not valid any more. Ask for a new one.';
