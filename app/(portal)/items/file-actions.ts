'use server';

import { revalidatePath } from 'next/cache';
import { signedInAction } from '@/lib/actions/action';
import { setFilesDownloadable } from '@/lib/dal/files/set-files-downloadable';
import { setFilesDownloadableSchema } from '@/lib/validations/file-settings';

/** The lead chooses whether an item's files may be downloaded or only viewed (issue 13). */
export const setFilesDownloadableAction = signedInAction(setFilesDownloadableSchema, async (input, { user, meta }) => {
  const downloadable = input.access === 'download';
  const { changed } = await setFilesDownloadable(user, { itemId: input.itemId, downloadable }, meta);
  revalidatePath(`/items/${input.itemId}`);
  if (!changed) return { ok: true, message: 'No change: the files were already set so.' };
  return {
    ok: true,
    message: downloadable
      ? 'Saved: people who may read this item may now download its files.'
      : 'Saved: the files are view-only now.',
  };
});
