import 'server-only';
import { eq, sql } from 'drizzle-orm';
import { guests } from '@/db/schema';
import { invalid } from '@/lib/errors';
import { RSVP_INVALID } from '@/lib/events/needs-notice';
import type { RequestMeta } from '../audit';
import { withRsvpLink } from './rsvp';

/** The guest accepts or declines from their link; they may change their mind until the link expires. */
export async function answerInvitation(
  token: string,
  answer: 'accept' | 'decline',
  meta: RequestMeta,
  now = new Date(),
) {
  return withRsvpLink(token, async ({ tx, audit }) => {
    const [guest] = await tx
      .select({ id: guests.id, status: guests.status, eventId: guests.eventId })
      .from(guests)
      .where(eq(guests.id, sql`app_rsvp_guest()`));
    if (!guest) throw invalid(RSVP_INVALID);
    // Attendance is a record of the door, not the guest's to change.
    if (guest.status === 'attended') return { status: guest.status };
    const status = answer === 'accept' ? 'accepted' : 'declined';
    await tx.update(guests).set({ status, respondedAt: now }).where(eq(guests.id, guest.id));
    audit({
      actorId: null,
      action: 'rsvp.answer',
      targetType: 'guest',
      targetId: guest.id,
      outcome: 'allowed',
      details: { status, eventId: guest.eventId },
      meta,
    });
    return { status };
  });
}
