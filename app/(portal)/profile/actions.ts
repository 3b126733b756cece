'use server';

import { revalidatePath } from 'next/cache';
import { signedInAction } from '@/lib/actions/action';
import { updateProfileField } from '@/lib/dal/profiles/update-profile-field';
import { FIELD_REMOVED, FIELD_SAVED } from '@/lib/profiles/messages';
import { updateProfileFieldSchema } from '@/lib/validations/profiles';

/** One field of the signed-in person's own profile: its value and who may see it (with consent to widen). */
export const updateProfileFieldAction = signedInAction(updateProfileFieldSchema, async (input, { user, meta }) => {
  const result = await updateProfileField(user, input, meta);
  revalidatePath('/profile');
  return { ok: true, message: result === 'removed' ? FIELD_REMOVED : FIELD_SAVED };
});
