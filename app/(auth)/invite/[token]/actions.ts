'use server';

import { redirect } from 'next/navigation';
import { z } from 'zod';
import type { ActionState } from '@/lib/actions/action-state';
import { echoValues, formDataToObject, unstorableFieldErrors } from '@/lib/actions/form-data';
import { requestMeta } from '@/lib/dal/account/read-request-meta';
import { acceptInvitation } from '@/lib/dal/people/accept-invitation';
import { AppError } from '@/lib/errors';
import { acceptInvitationSchema } from '@/lib/validations/admin';

/** Public by nature: the single-use token is the credential. */
export async function acceptInvitationAction(
  _previous: ActionState | undefined,
  formData: FormData,
): Promise<ActionState> {
  const raw = formDataToObject(formData);
  // Everything but the passwords and the token comes back with a failure, so the form keeps it.
  const values = echoValues(raw);
  const unstorable = unstorableFieldErrors(raw);
  if (unstorable)
    return { ok: false, message: 'Please correct the highlighted fields.', fieldErrors: unstorable, values };
  const parsed = acceptInvitationSchema.safeParse(raw);
  if (!parsed.success) {
    return {
      ok: false,
      message: 'Please correct the highlighted fields.',
      fieldErrors: z.flattenError(parsed.error).fieldErrors,
      values,
    };
  }
  try {
    await acceptInvitation(parsed.data.token, parsed.data.password, await requestMeta());
  } catch (error) {
    if (error instanceof AppError) return { ok: false, message: error.message, values };
    console.error('Accepting an invitation failed:', error instanceof Error ? error.name : 'unknown error');
    return { ok: false, message: 'Something went wrong. Nothing was changed.', values };
  }
  redirect('/sign-in?welcome=1');
}
