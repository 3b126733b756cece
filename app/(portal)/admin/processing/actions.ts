'use server';

import { revalidatePath } from 'next/cache';
import { signedInAction } from '@/lib/actions/action';
import { addProcessingPurpose } from '@/lib/dal/processing/add-processing-purpose';
import { removeProcessingPurpose } from '@/lib/dal/processing/remove-processing-purpose';
import { setEngagementRole } from '@/lib/dal/processing/set-engagement-role';
import { engagementRoleSchema, purposeIdSchema, purposeSchema } from '@/lib/validations/processing';

/** The register of processing activities: the purposes and bases people write, and each engagement's role (issue 15). */

export const addPurposeAction = signedInAction(purposeSchema, async (input, { user, meta }) => {
  await addProcessingPurpose(user, input, meta);
  revalidatePath('/admin/processing');
  return { ok: true, message: 'Purpose added to the register.' };
});

export const removePurposeAction = signedInAction(purposeIdSchema, async (input, { user, meta }) => {
  await removeProcessingPurpose(user, input, meta);
  revalidatePath('/admin/processing');
  return { ok: true, message: 'Purpose removed.' };
});

export const setEngagementRoleAction = signedInAction(engagementRoleSchema, async (input, { user, meta }) => {
  await setEngagementRole(user, input, meta);
  revalidatePath('/admin/processing');
  return {
    ok: true,
    message:
      input.role === 'processor'
        ? 'Saved: MM Group is processor for this engagement.'
        : 'Saved: MM Group is controller for this engagement.',
  };
});
