'use server';

import { revalidatePath } from 'next/cache';
import { publicAction } from '@/lib/actions/action';
import { answerInvitation } from '@/lib/dal/events/answer-invitation';
import { giveNeeds } from '@/lib/dal/events/give-needs';
import { withdrawNeeds } from '@/lib/dal/events/withdraw-needs';
import { NEEDS_SAVED, NEEDS_WITHDRAWN, RSVP_ACCEPTED, RSVP_DECLINED } from '@/lib/events/needs-notice';
import { answerRsvpSchema, giveNeedsSchema, withdrawNeedsSchema } from '@/lib/validations/events';

export const answerRsvpAction = publicAction(answerRsvpSchema, async ({ token, answer }, { meta }) => {
  await answerInvitation(token, answer, meta);
  revalidatePath(`/rsvp/${token}`);
  return { ok: true, message: answer === 'accept' ? RSVP_ACCEPTED : RSVP_DECLINED };
});

export const giveNeedsAction = publicAction(giveNeedsSchema, async ({ token, ...needs }, { meta }) => {
  await giveNeeds(token, needs, meta);
  revalidatePath(`/rsvp/${token}`);
  return { ok: true, message: NEEDS_SAVED };
});

export const withdrawNeedsAction = publicAction(withdrawNeedsSchema, async ({ token }, { meta }) => {
  await withdrawNeeds(token, meta);
  revalidatePath(`/rsvp/${token}`);
  return { ok: true, message: NEEDS_WITHDRAWN };
});
