import 'server-only';
import { unstable_rethrow } from 'next/navigation';
import { z } from 'zod';
import { getSessionUser, type SessionUser } from '@/lib/dal/account/read-session-user';
import { requestMeta } from '@/lib/dal/account/read-request-meta';
import type { RequestMeta } from '@/lib/dal/audit';
import { AppError, isDatabaseUnavailable, NOT_FOUND_MESSAGE } from '@/lib/errors';
import { errorKind, log } from '@/lib/log/logger';
import { currentRequest, noteActor } from '@/lib/log/request-context';
import type { ActionState, FormAction } from './action-state';
import { echoValues, formDataToObject, unstorableFieldErrors } from './form-data';
import { IDEMPOTENCY_FIELD, idempotencyKeySchema, runOnce } from './run-once';

/** What a signed-in action's handler gets besides its input. */
export type ActionContext = { user: SessionUser; meta: RequestMeta };
/** What a public action's handler gets besides its input. */
export type PublicContext = { meta: RequestMeta };

/** The names of a schema's fields, as a form submits them (every key of its input, across a union's members). */
type KeysOf<T> = T extends unknown ? Extract<keyof T, string> : never;
export type FieldsOf<S extends z.ZodType> = unknown extends z.input<S> ? string : KeysOf<z.input<S>>;

export const VALIDATION_FAILED = 'Please correct the highlighted fields.';
export const FORM_EXPIRED = 'This form has expired. Please reload the page and try again.';
export const SOMETHING_WENT_WRONG = 'Something went wrong. Nothing was changed.';
/** The database could not be reached: before anything was tried, or while the change was being made. */
export const UNAVAILABLE_BEFORE =
  'Clearance is briefly unavailable. Nothing was changed. Please try again in a moment.';
export const UNAVAILABLE_DURING =
  'Clearance is briefly unavailable, so we could not confirm whether this was saved. Please check in a moment before trying again.';

type Fields = Record<string, string | string[]>;

/**
 * The one pipeline every server action goes through, in this order:
 * 1. read the form (anything but FormData reads as an empty form) and keep the values it may echo back
 *    (echoValues: never passwords, codes, secrets, tokens or keys);
 * 2. signed-in actions only: authenticate (the session re-checked against the database); an anonymous caller
 *    gets "Not found." and nothing about the form, exactly like someone asking for a thing that is not there;
 * 3. validate (zod) and, signed in, read a create form's one-time key (run-once.ts);
 * 4. run the handler, which authorizes with the policy and acts through the DAL; a signed-in create runs once.
 * Expected failures (AppError) come back as their messages; anything else is logged by kind only and answered
 * generically, so no error reveals data.
 */
function pipeline<S extends z.ZodType>(
  schema: S,
  signIn: boolean,
  handler: (input: z.output<S>, context: { user: SessionUser | null; meta: RequestMeta }) => Promise<ActionState>,
): FormAction<FieldsOf<S>> {
  return async (_previous, formData) => {
    const raw = formDataToObject(formData);
    const values = echoValues(raw);
    let user: SessionUser | null = null;
    if (signIn) {
      const who = await authenticate(values);
      if ('message' in who) return who;
      user = who.user;
    }
    const unstorable = unstorableFieldErrors(raw);
    if (unstorable) return { ok: false, message: VALIDATION_FAILED, fieldErrors: unstorable, values };
    const parsed = schema.safeParse(raw);
    if (!parsed.success) {
      const fieldErrors = z.flattenError(parsed.error).fieldErrors as Record<string, string[]>;
      return { ok: false, message: VALIDATION_FAILED, fieldErrors, values };
    }
    // A create form's one-time key (run-once.ts): a retried submission gets the first answer, not a duplicate.
    const key =
      user && raw[IDEMPOTENCY_FIELD] !== undefined ? idempotencyKeySchema.safeParse(raw[IDEMPOTENCY_FIELD]) : undefined;
    if (key && !key.success) return { ok: false, message: FORM_EXPIRED, values };
    try {
      const meta = await requestMeta();
      const run = () => handler(parsed.data, { user, meta });
      return await (user && key ? runOnce(user, key.data, values, run) : run());
    } catch (error) {
      unstable_rethrow(error);
      if (error instanceof AppError)
        return { ok: false, message: error.message, fieldErrors: error.fieldErrors, values };
      // Only the error's kind is logged: messages from the database can quote the data involved.
      log.error({
        event: 'action.error',
        requestId: currentRequest()?.requestId,
        ...(user ? { actorId: user.id } : {}),
        ...errorKind(error),
      });
      // Cut off mid-work, the change may or may not have been saved: say so rather than guess.
      if (isDatabaseUnavailable(error)) return { ok: false, message: UNAVAILABLE_DURING, values };
      return { ok: false, message: SOMETHING_WENT_WRONG, values };
    }
  };
}

/** Who is signed in, or the answer an anonymous caller (or an unreachable database) gets before anything else. */
async function authenticate(values: Fields): Promise<{ user: SessionUser } | ActionState> {
  let user: SessionUser | null;
  try {
    user = await getSessionUser();
  } catch (error) {
    unstable_rethrow(error);
    // The session could not be checked: nothing has been attempted, so nothing changed.
    if (isDatabaseUnavailable(error)) return { ok: false, message: UNAVAILABLE_BEFORE, values };
    throw error;
  }
  // Anonymous callers learn nothing more than someone asking for a thing that is not there: no field errors.
  if (!user) return { ok: false, message: NOT_FOUND_MESSAGE, values };
  noteActor(user.id);
  return { user };
}

/** A server action for a signed-in user: authenticate, then validate, then run `handler` (see pipeline). */
export function signedInAction<S extends z.ZodType>(
  schema: S,
  handler: (input: z.output<S>, context: ActionContext) => Promise<ActionState>,
): FormAction<FieldsOf<S>> {
  return pipeline(schema, true, (input, { user, meta }) => handler(input, { user: user!, meta }));
}

/**
 * A server action anyone may call (sign-in screens, the public privacy forms, RSVP): validate, then run
 * `handler` (see pipeline). Its refusals must not tell whether an account exists.
 */
export function publicAction<S extends z.ZodType>(
  schema: S,
  handler: (input: z.output<S>, context: PublicContext) => Promise<ActionState>,
): FormAction<FieldsOf<S>> {
  return pipeline(schema, false, (input, { meta }) => handler(input, { meta }));
}
