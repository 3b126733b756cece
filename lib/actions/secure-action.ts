import 'server-only';
import { unstable_rethrow } from 'next/navigation';
import { z } from 'zod';
import { getSessionUser, requestMeta, type SessionUser } from '@/lib/dal/session';
import type { RequestMeta } from '@/lib/dal/audit';
import { AppError, isDatabaseUnavailable, NOT_FOUND_MESSAGE } from '@/lib/errors';
import { errorKind, log } from '@/lib/log/logger';
import { currentRequest, noteActor } from '@/lib/log/request-context';
import type { ActionState } from './action-state';
import { echoValues as echo, formDataToObject, unstorableFieldErrors } from './form-data';
import { IDEMPOTENCY_FIELD, idempotencyKeySchema, runOnce } from './run-once';

export type ActionContext = { user: SessionUser; meta: RequestMeta };

/** The database could not be reached: before anything was tried, or while the change was being made. */
export const UNAVAILABLE_BEFORE =
  'Clearance is briefly unavailable. Nothing was changed. Please try again in a moment.';
export const UNAVAILABLE_DURING =
  'Clearance is briefly unavailable, so we could not confirm whether this was saved. Please check in a moment before trying again.';

/**
 * Every signed-in server action goes through here, in this order: validate the input (zod), authenticate
 * (the session re-checked against the database), then run the handler, which authorizes with the policy and
 * acts through the DAL. Expected failures come back as messages; anything else is logged without details
 * and answered generically, so no error reveals data.
 */
export function secureAction<S extends z.ZodType>(
  schema: S,
  handler: (input: z.output<S>, context: ActionContext) => Promise<ActionState>,
) {
  return async (_previous: ActionState | undefined, formData: FormData): Promise<ActionState> => {
    const raw = formData instanceof FormData ? formDataToObject(formData) : {};
    const values = echo(raw);
    const unstorable = unstorableFieldErrors(raw);
    if (unstorable)
      return { ok: false, message: 'Please correct the highlighted fields.', fieldErrors: unstorable, values };
    const parsed = schema.safeParse(raw);
    if (!parsed.success) {
      return {
        ok: false,
        message: 'Please correct the highlighted fields.',
        fieldErrors: z.flattenError(parsed.error).fieldErrors as Record<string, string[]>,
        values,
      };
    }
    let user: SessionUser | null;
    try {
      user = await getSessionUser();
    } catch (error) {
      unstable_rethrow(error);
      // The session could not be checked: nothing has been attempted, so nothing changed.
      if (isDatabaseUnavailable(error)) return { ok: false, message: UNAVAILABLE_BEFORE, values };
      throw error;
    }
    // Anonymous callers learn nothing more than someone asking for a thing that is not there.
    if (!user) return { ok: false, message: NOT_FOUND_MESSAGE, values };
    noteActor(user.id);
    // A create form's one-time key (run-once.ts): a retried submission gets the first answer, not a duplicate.
    const key =
      raw[IDEMPOTENCY_FIELD] === undefined ? undefined : idempotencyKeySchema.safeParse(raw[IDEMPOTENCY_FIELD]);
    if (key && !key.success)
      return { ok: false, message: 'This form has expired. Please reload the page and try again.', values };
    try {
      const meta = await requestMeta();
      const run = () => handler(parsed.data, { user, meta });
      return await (key ? runOnce(user, key.data, values, run) : run());
    } catch (error) {
      unstable_rethrow(error);
      if (error instanceof AppError) {
        return { ok: false, message: error.message, fieldErrors: error.fieldErrors, values };
      }
      // Only the error's kind is logged: messages from the database can quote the data involved.
      log.error({
        event: 'action.error',
        requestId: currentRequest()?.requestId,
        actorId: user.id,
        ...errorKind(error),
      });
      // Cut off mid-work, the change may or may not have been saved: say so rather than guess.
      if (isDatabaseUnavailable(error)) return { ok: false, message: UNAVAILABLE_DURING, values };
      return { ok: false, message: 'Something went wrong. Nothing was changed.', values };
    }
  };
}
