'use server';

import { revalidatePath } from 'next/cache';
import { signedInAction } from '@/lib/actions/action';
import { setContractorMaxDays } from '@/lib/dal/settings/set-contractor-max-days';
import { contractorMaxDaysSchema } from '@/lib/validations/settings';

export const setContractorMaxDaysAction = signedInAction(contractorMaxDaysSchema, async (input, { user, meta }) => {
  await setContractorMaxDays(user, input, meta);
  revalidatePath('/admin/settings');
  return { ok: true, message: `Contractor grants now end within ${input.days} days.` };
});
