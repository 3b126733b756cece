/** What the privacy forms answer; shared by the data-access layer, the actions and their tests. */
export const CODE_RESENT = 'We sent a new code. The earlier one no longer works.';
export const CHOICES_SAVED = 'Your cookie choices are saved.';
export const NOT_VERIFIABLE = 'This request cannot be verified any more. If you still need it, make a new request.';
export const NO_LIVE_CODE = 'This code no longer works. Ask for a new one.';
export const CODE_EXPIRED = 'That code has expired. Ask for a new one.';
export const CODE_VOID = 'That code was wrong three times and no longer works. Ask for a new one.';
export const TOO_MANY_CODES = 'Too many codes were sent for this request. Please make a new request.';
export const TOO_MANY_PENDING =
  'Several requests for this email are already waiting for their code. Use a code we sent, or try again in an hour.';
/** Past the hourly limit of the public forms: the same words for every email, so it tells nothing about accounts. */
export const REQUESTS_LIMITED =
  'There have been several requests like this in the last hour. Please try again later; any code we already emailed still works.';
export const wrongCode = (left: number) => `That code is not right. ${left} ${left === 1 ? 'try' : 'tries'} left.`;
export const MARKETING_ON = 'You will receive marketing emails.';
export const MARKETING_OFF = 'You will not receive marketing emails.';
export const POLICY_ACKNOWLEDGED = 'Thank you: your acknowledgement is recorded.';

/** Every refusal the public verification steps can give (for the server-action tests). */
export const VERIFICATION_REFUSALS = [
  NOT_VERIFIABLE,
  NO_LIVE_CODE,
  CODE_EXPIRED,
  CODE_VOID,
  TOO_MANY_CODES,
  TOO_MANY_PENDING,
  REQUESTS_LIMITED,
  wrongCode(1),
  wrongCode(2),
];
