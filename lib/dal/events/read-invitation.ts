import 'server-only';
import { eq, sql } from 'drizzle-orm';
import { events, guestNeeds, guests } from '@/db/schema';
import { open } from '@/lib/crypto/envelope';
import { parseSealed } from '@/lib/crypto/item-content';
import type { RequestMeta } from '../audit';
import { needsContext, zonedParts, type NeedsContent } from './event-facts';
import { withRsvpLink } from './rsvp';

export type InvitationView = {
  guestName: string;
  plusOnes: number;
  status: 'invited' | 'accepted' | 'declined' | 'attended';
  publicDescription: string;
  date: string;
  time: string;
  timeZone: string;
  needsRetentionDays: number;
  /** The guest's own needs, as they gave them. */
  needs: NeedsContent | null;
};

/**
 * What the holder of an RSVP link may see: their own invitation and the event's public description, nothing else
 * (not the event's name, which may name the client, not the project, not other guests). Null for an unknown or
 * expired link. Every view is audited (without the token).
 */
export async function readInvitation(token: string, meta: RequestMeta): Promise<InvitationView | null> {
  return withRsvpLink(token, async ({ tx, audit }) => {
    const [row] = await tx
      .select({
        id: guests.id,
        name: guests.name,
        plusOnes: guests.plusOnes,
        status: guests.status,
        eventId: events.id,
        publicDescription: events.publicDescription,
        startsAt: events.startsAt,
        timeZone: events.timeZone,
        needsRetentionDays: events.needsRetentionDays,
        projectId: events.projectId,
      })
      .from(guests)
      .innerJoin(events, eq(events.id, guests.eventId))
      .where(eq(guests.id, sql`app_rsvp_guest()`));
    if (!row) return null;
    const [needs] = await tx
      .select({ sealed: guestNeeds.sealed })
      .from(guestNeeds)
      .where(eq(guestNeeds.guestId, row.id));
    audit({
      actorId: null,
      action: 'rsvp.view',
      targetType: 'guest',
      targetId: row.id,
      projectId: row.projectId,
      outcome: 'allowed',
      meta,
    });
    const { date, time } = zonedParts(row.startsAt, row.timeZone);
    return {
      guestName: row.name,
      plusOnes: row.plusOnes,
      status: row.status,
      publicDescription: row.publicDescription,
      date,
      time,
      timeZone: row.timeZone,
      needsRetentionDays: row.needsRetentionDays,
      needs: needs ? (JSON.parse(open(parseSealed(needs.sealed), needsContext(row.id))) as NeedsContent) : null,
    };
  });
}
