import 'server-only';
import { unstable_rethrow } from 'next/navigation';
import { z } from 'zod';
import { requestMeta } from '@/lib/dal/session';
import type { RequestMeta } from '@/lib/dal/audit';
import { AppError, isDatabaseUnavailable } from '@/lib/errors';
import { errorKind, log } from '@/lib/log/logger';
import { currentRequest } from '@/lib/log/request-context';
import { UNAVAILABLE_DURING } from './secure-action';
import type { ActionState } from './action-state';
import { echoValues as echo, formDataToObject, unstorableFieldErrors } from './form-data';

/**
 * Server actions anyone may call (the public privacy forms): validate with zod, then act. Expected refusals come
 * back as their messages, anything else as one generic answer, so nothing reveals data or whether an account
 * exists. Codes and passwords are never echoed back.
 */
export function publicAction<S extends z.ZodType>(
  schema: S,
  handler: (input: z.output<S>, context: { meta: RequestMeta }) => Promise<ActionState>,
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
    try {
      return await handler(parsed.data, { meta: await requestMeta() });
    } catch (error) {
      unstable_rethrow(error);
      if (error instanceof AppError)
        return { ok: false, message: error.message, fieldErrors: error.fieldErrors, values };
      log.error({ event: 'action.error', requestId: currentRequest()?.requestId, ...errorKind(error) });
      if (isDatabaseUnavailable(error)) return { ok: false, message: UNAVAILABLE_DURING, values };
      return { ok: false, message: 'Something went wrong. Nothing was changed.', values };
    }
  };
}
