'use server';

import { revalidatePath } from 'next/cache';
import { signedInAction } from '@/lib/actions/action';
import { sendQueuedEmails } from '@/lib/actions/send-emails';
import { liftDisclosureGag } from '@/lib/dal/disclosures/lift-gag';
import { recordDisclosure } from '@/lib/dal/disclosures/record-disclosure';
import { liftGagSchema, recordDisclosureSchema } from '@/lib/validations/disclosures';

const endOfDay = (day: string) => new Date(`${day}T23:59:59.999Z`);
const startOfDay = (day: string) => new Date(`${day}T00:00:00.000Z`);

export const recordDisclosureAction = signedInAction(recordDisclosureSchema, async (input, { user, meta }) => {
  const now = new Date();
  await recordDisclosure(
    user,
    {
      clientAccountId: input.clientAccountId,
      projectId: input.projectId ?? null,
      recipientKind: input.recipientKind,
      recipientName: input.recipientName,
      country: input.country ?? null,
      dataCategories: input.dataCategories,
      itemRefs: input.itemRefs,
      purpose: input.purpose,
      lawfulBasis: input.lawfulBasis,
      transferSafeguard: input.transferSafeguard ?? null,
      instrument: input.instrument ?? null,
      instrumentReference: input.instrumentReference ?? null,
      gagged: input.gagged === 'yes',
      gagUntil: input.gagUntil ? startOfDay(input.gagUntil) : null,
      // A date given is the day it happened (kept to that day, never later than now).
      disclosedAt: input.disclosedOn ? new Date(Math.min(endOfDay(input.disclosedOn).getTime(), now.getTime())) : now,
    },
    meta,
    now,
  );
  await sendQueuedEmails();
  revalidatePath('/admin/disclosures');
  const told = input.instrument && input.gagged !== 'yes' ? ' The client has been told.' : '';
  const hidden = input.gagged === 'yes' ? ' It is hidden from the client until the gag is lifted.' : '';
  return { ok: true, message: `Disclosure to ${input.recipientName} recorded.${told}${hidden}` };
});

export const liftGagAction = signedInAction(liftGagSchema, async (input, { user, meta }) => {
  await liftDisclosureGag(user, input, meta);
  await sendQueuedEmails();
  revalidatePath('/admin/disclosures');
  return { ok: true, message: 'Gag lifted. The client can now see this disclosure and has been told.' };
});
