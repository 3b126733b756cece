'use server';

import { revalidatePath } from 'next/cache';
import { signedInAction } from '@/lib/actions/action';
import { sendQueuedEmails } from '@/lib/actions/send-emails';
import { endBreakGlass } from '@/lib/dal/break-glass/end-break-glass';
import { startBreakGlass } from '@/lib/dal/break-glass/start-break-glass';
import { endBreakGlassSchema, startBreakGlassSchema } from '@/lib/validations/break-glass';

export const startBreakGlassAction = signedInAction(startBreakGlassSchema, async (input, { user, meta }) => {
  const { expiresAt } = await startBreakGlass(user, input, meta);
  await sendQueuedEmails();
  revalidatePath('/', 'layout');
  return {
    ok: true,
    message: `Break-glass access is open until ${expiresAt.toISOString().slice(0, 16).replace('T', ' ')} UTC. The client has been told.`,
  };
});

export const endBreakGlassAction = signedInAction(endBreakGlassSchema, async (input, { user, meta }) => {
  await endBreakGlass(user, input, meta);
  revalidatePath('/', 'layout');
  return { ok: true, message: 'Break-glass access ended.' };
});
