'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { signedInAction } from '@/lib/actions/action';
import { sendQueuedEmails } from '@/lib/actions/send-emails';
import { checkInGuest } from '@/lib/dal/events/check-in-guest';
import { createEvent } from '@/lib/dal/events/create-event';
import { decideEventAccess } from '@/lib/dal/events/decide-event-access';
import { grantEventAccess } from '@/lib/dal/events/grant-event-access';
import { revokeEventAccess } from '@/lib/dal/events/revoke-event-access';
import { inviteGuest } from '@/lib/dal/events/invite-guest';
import { updateEvent } from '@/lib/dal/events/update-event';
import {
  checkInGuestSchema,
  createEventSchema,
  decideEventAccessSchema,
  grantEventAccessSchema,
  inviteGuestSchema,
  revokeEventAccessSchema,
  updateEventSchema,
} from '@/lib/validations/events';

export const createEventAction = signedInAction(createEventSchema, async ({ projectId, ...input }, { user, meta }) => {
  const { id } = await createEvent(user, projectId, input, meta);
  revalidatePath('/events');
  redirect(`/projects/${projectId}/events/${id}`);
});

export const updateEventAction = signedInAction(updateEventSchema, async ({ eventId, ...input }, { user, meta }) => {
  await updateEvent(user, eventId, input, meta);
  revalidatePath('/projects/[projectId]/events/[eventId]', 'page');
  return { ok: true, message: 'Event saved.' };
});

export const inviteGuestAction = signedInAction(inviteGuestSchema, async ({ eventId, ...input }, { user, meta }) => {
  await inviteGuest(user, eventId, input, meta);
  await sendQueuedEmails();
  revalidatePath('/projects/[projectId]/events/[eventId]', 'page');
  return { ok: true, message: `Invitation sent to ${input.email}.` };
});

export const checkInGuestAction = signedInAction(checkInGuestSchema, async ({ guestId }, { user, meta }) => {
  const { already } = await checkInGuest(user, guestId, meta);
  revalidatePath('/projects/[projectId]/events/[eventId]/door', 'page');
  return { ok: true, message: already ? 'Already checked in.' : 'Checked in.' };
});

// The event allowlist (issue 14): an admin or the lead grants and removes; the owning client decides pending entries.
export const grantEventAccessAction = signedInAction(grantEventAccessSchema, async (input, { user, meta }) => {
  const { status } = await grantEventAccess(user, input, meta);
  revalidatePath('/projects/[projectId]/events/[eventId]', 'page');
  return {
    ok: true,
    message:
      status === 'pending' ? 'Added to the allowlist, waiting for the client’s approval.' : 'Added to the allowlist.',
  };
});

export const revokeEventAccessAction = signedInAction(revokeEventAccessSchema, async (input, { user, meta }) => {
  await revokeEventAccess(user, input, meta);
  revalidatePath('/projects/[projectId]/events/[eventId]', 'page');
  return { ok: true, message: 'Removed from the allowlist.' };
});

export const decideEventAccessAction = signedInAction(decideEventAccessSchema, async (input, { user, meta }) => {
  await decideEventAccess(user, input, meta);
  revalidatePath('/projects/[projectId]/events/[eventId]', 'page');
  return { ok: true, message: input.decision === 'approve' ? 'Access approved.' : 'Access refused.' };
});
