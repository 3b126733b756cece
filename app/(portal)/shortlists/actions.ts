'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { signedInAction } from '@/lib/actions/action';
import { addShortlistEntry } from '@/lib/dal/shortlists/add-shortlist-entry';
import { createShortlist } from '@/lib/dal/shortlists/create-shortlist';
import { proposeShortlist } from '@/lib/dal/shortlists/propose-shortlist';
import { withdrawFromShortlist } from '@/lib/dal/shortlists/withdraw-from-shortlist';
import { withdrawShortlist } from '@/lib/dal/shortlists/withdraw-shortlist';
import { SHORTLIST_ADDED, SHORTLIST_PROPOSED } from '@/lib/profiles/messages';
import {
  createShortlistSchema,
  proposeShortlistSchema,
  shortlistEntrySchema,
  withdrawShortlistEntrySchema,
  withdrawShortlistSchema,
} from '@/lib/validations/profiles';

export const createShortlistAction = signedInAction(createShortlistSchema, async (input, { user, meta }) => {
  const id = await createShortlist(user, input, meta);
  revalidatePath('/shortlists');
  redirect(`/shortlists/${id}`);
});

export const addShortlistEntryAction = signedInAction(shortlistEntrySchema, async (input, { user, meta }) => {
  await addShortlistEntry(user, input, meta);
  revalidatePath(`/shortlists/${input.shortlistId}`);
  return { ok: true, message: SHORTLIST_ADDED };
});

export const proposeShortlistAction = signedInAction(proposeShortlistSchema, async (input, { user, meta }) => {
  await proposeShortlist(user, input.shortlistId, meta);
  revalidatePath(`/shortlists/${input.shortlistId}`);
  return { ok: true, message: SHORTLIST_PROPOSED };
});

// Withdrawal (issue 14): the author withdraws a creator or the whole list; the creator withdraws themselves (/profile).
export const withdrawShortlistEntryAction = signedInAction(
  withdrawShortlistEntrySchema,
  async (input, { user, meta }) => {
    await withdrawFromShortlist(user, input, meta);
    revalidatePath(`/shortlists/${input.shortlistId}`);
    revalidatePath('/profile');
    return { ok: true, message: 'Withdrawn: the brand no longer sees this creator on the shortlist.' };
  },
);

export const withdrawShortlistAction = signedInAction(withdrawShortlistSchema, async (input, { user, meta }) => {
  await withdrawShortlist(user, input, meta);
  revalidatePath(`/shortlists/${input.shortlistId}`);
  revalidatePath('/shortlists');
  return { ok: true, message: 'Shortlist withdrawn: the brand no longer sees it.' };
});
