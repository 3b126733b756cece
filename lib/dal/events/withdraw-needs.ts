import 'server-only';
import { eq, sql } from 'drizzle-orm';
import { guestNeedConsents, guestNeeds, guests } from '@/db/schema';
import { invalid } from '@/lib/errors';
import { NEEDS_NOTICE_VERSION, RSVP_INVALID } from '@/lib/events/needs-notice';
import type { RequestMeta } from '../audit';
import { withRsvpLink } from './rsvp';

/** The guest withdraws their needs at any time: the needs are deleted and the withdrawal is recorded. */
export async function withdrawNeeds(token: string, meta: RequestMeta, now = new Date()) {
  return withRsvpLink(token, async ({ tx, audit }) => {
    const [guest] = await tx
      .select({ id: guests.id, eventId: guests.eventId })
      .from(guests)
      .where(eq(guests.id, sql`app_rsvp_guest()`));
    if (!guest) throw invalid(RSVP_INVALID);
    const removed = await tx
      .delete(guestNeeds)
      .where(eq(guestNeeds.guestId, guest.id))
      .returning({ id: guestNeeds.guestId });
    await tx.insert(guestNeedConsents).values({
      guestId: guest.id,
      eventId: guest.eventId,
      decision: 'withdrawn',
      noticeVersion: NEEDS_NOTICE_VERSION,
      createdAt: now,
    });
    await tx.update(guests).set({ hasNeeds: false }).where(eq(guests.id, guest.id));
    audit({
      actorId: null,
      action: 'rsvp.withdraw_needs',
      targetType: 'guest',
      targetId: guest.id,
      outcome: 'allowed',
      details: { eventId: guest.eventId, removed: removed.length },
      meta,
    });
    return { removed: removed.length };
  });
}
