'use server';

import { AuthError } from 'next-auth';
import { z } from 'zod';
import { signIn } from '@/auth';
import type { ActionState } from '@/lib/actions/action-state';
import { formDataToObject } from '@/lib/actions/form-data';

const signInSchema = z.object({
  email: z.string().trim().min(1, 'Enter your email.').max(320).email('Enter a valid email address.'),
  password: z.string().min(1, 'Enter your password.').max(1024),
});

// One message for every failure: it must not tell whether the account exists.
const GENERIC_FAILURE = 'The email or password is incorrect, or the account cannot sign in.';

export async function signInAction(_previous: ActionState | undefined, formData: FormData): Promise<ActionState> {
  const raw = formDataToObject(formData);
  const parsed = signInSchema.safeParse(raw);
  const values = { email: typeof raw.email === 'string' ? raw.email.slice(0, 320) : '' };
  if (!parsed.success) {
    return { ok: false, message: 'Please correct the highlighted fields.', fieldErrors: z.flattenError(parsed.error).fieldErrors, values };
  }
  try {
    await signIn('credentials', { ...parsed.data, redirectTo: '/' });
    return { ok: true, message: 'Signed in.' };
  } catch (error) {
    // A successful sign-in ends in a redirect, which must propagate.
    if (error instanceof AuthError) return { ok: false, message: GENERIC_FAILURE, values };
    throw error;
  }
}
