/**
 * Turns FormData into a plain object; a key submitted several times (checkboxes) becomes an array.
 *
 * A server action can be posted directly with any arguments, so anything that is not FormData reads as an
 * empty form, and field names are taken literally: a field called `toString` or `__proto__` is just a field
 * (looking it up on a plain object would find Object.prototype's members instead).
 */
export function formDataToObject(formData: unknown): Record<string, string | string[]> {
  if (!(formData instanceof FormData)) return {};
  const fields = new Map<string, string | string[]>();
  for (const [key, value] of formData.entries()) {
    if (key.startsWith('$ACTION')) continue;
    if (typeof value !== 'string') continue;
    const existing = fields.get(key);
    if (existing === undefined) fields.set(key, value);
    else fields.set(key, Array.isArray(existing) ? [...existing, value] : [existing, value]);
  }
  return Object.fromEntries(fields);
}

/**
 * Fields holding a NUL character, which PostgreSQL's text cannot store (the insert would fail as a server
 * error): they fail validation with a clear message instead, before anything is written.
 */
export function unstorableFieldErrors(fields: Record<string, string | string[]>): Record<string, string[]> | null {
  const errors: Record<string, string[]> = {};
  for (const [key, value] of Object.entries(fields)) {
    if ((Array.isArray(value) ? value : [value]).some((v) => v.includes('\u0000'))) {
      errors[key] = ['Remove the invisible control character from this field.'];
    }
  }
  return Object.keys(errors).length > 0 ? errors : null;
}

const MAX_ECHO = 2000;

/**
 * The one list of fields never echoed back into a page, for signed-in and public actions alike (the action
 * builder, action.ts, is its only caller): passwords, one-time and recovery codes, secrets, tokens, credentials
 * and keys. A deny-list, so a field added later is kept for the user unless its name says it is a credential.
 * `code` matches as a word ending (`code`, `recoveryCode`, `codes`), not inside `codename`; keys as a compound
 * ending (`apiKey`, `idempotencyKey`, `api_key`): the bare `key` of a retention rule names a rule, not a secret.
 */
export const NEVER_ECHOED: readonly RegExp[] = [
  /password|passphrase/i,
  /token/i,
  /secret/i,
  /credential/i,
  /(^|[a-z_])codes?$/i,
  /^(otp|totp|pin)$/i,
  /[a-z]Key$|_key$/,
];

export const neverEchoed = (field: string) => NEVER_ECHOED.some((pattern) => pattern.test(field));

/**
 * The submitted values a form gets back with a failure, so it keeps everything typed or ticked (issue 16):
 * every field but credentials (NEVER_ECHOED), each cut to a sane length.
 */
export function echoValues(values: Record<string, string | string[]>): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [key, value] of Object.entries(values)) {
    if (neverEchoed(key)) continue;
    out[key] = Array.isArray(value) ? value.map((v) => v.slice(0, MAX_ECHO)) : value.slice(0, MAX_ECHO);
  }
  return out;
}
