import 'server-only';
import { asc, eq } from 'drizzle-orm';
import { guestCheckIns, guestNeeds, guests, eventVenues } from '@/db/schema';
import type { Actor } from '@/lib/authz';
import { open } from '@/lib/crypto/envelope';
import { parseSealed } from '@/lib/crypto/item-content';
import { notFoundError } from '@/lib/errors';
import { withActor } from '../transaction';
import type { RequestMeta } from '../audit';
import {
  decide,
  loadEvent,
  needsContext,
  venueContext,
  zonedParts,
  type NeedsContent,
  type VenueContent,
} from './event-facts';

export type GuestView = {
  id: string;
  name: string;
  email: string;
  plusOnes: number;
  status: 'invited' | 'accepted' | 'declined' | 'attended';
  invited: boolean;
  hasNeeds: boolean;
  /** Only for the event's allowlist and the owning client; null otherwise or when none were given. */
  needs: NeedsContent | null;
  checkedInAt: Date | null;
};

export type EventView = {
  id: string;
  projectId: string;
  codename: string;
  name: string;
  startsAt: Date;
  timeZone: string;
  date: string;
  time: string;
  publicDescription: string;
  needsRetentionDays: number;
  /** Null unless the viewer may open the high-risk part. */
  venue: VenueContent | null;
  mayManage: boolean;
  mayViewRestricted: boolean;
  guests: GuestView[];
};

/**
 * The event page and the door list: the event, its guests and, for the allowlist and the owning client only, the
 * venue and each guest's needs (opened here, never handed out sealed). Audited as one read, in its transaction.
 */
export async function readEvent(
  actor: Actor,
  eventId: string,
  meta: RequestMeta,
  options: { purpose: 'page' | 'door' } = { purpose: 'page' },
  now = new Date(),
): Promise<EventView | null> {
  // A refused read answers null: this refusal is recognised below, and only this one.
  const hidden = notFoundError();
  try {
    return await withActor(
      actor,
      async ({ tx, audit, authorize, deny }) => {
        const loaded = await loadEvent(tx, actor, eventId);
        const event = { action: 'event.view', targetType: 'event', targetId: eventId } as const;
        if (!loaded) return deny({ ...event, projectId: null, reason: 'not_found' }, hidden);
        authorize(
          'event.view',
          { type: 'event', project: loaded.project, event: loaded.facts },
          { ...event, projectId: loaded.event.projectId, recordAllowed: false },
          hidden,
        );
        const mayViewRestricted = decide(actor, 'event.view_restricted', loaded, now).allowed;
        const mayManage = decide(actor, 'event.manage', loaded, now).allowed;
        let venue: VenueContent | null = null;
        const needsByGuest = new Map<string, NeedsContent>();
        if (mayViewRestricted) {
          const [row] = await tx.select().from(eventVenues).where(eq(eventVenues.eventId, eventId));
          if (row) venue = JSON.parse(open(parseSealed(row.sealed), venueContext(eventId))) as VenueContent;
          for (const n of await tx.select().from(guestNeeds).where(eq(guestNeeds.eventId, eventId))) {
            needsByGuest.set(
              n.guestId,
              JSON.parse(open(parseSealed(n.sealed), needsContext(n.guestId))) as NeedsContent,
            );
          }
        }
        const rows = await tx
          .select({
            id: guests.id,
            name: guests.name,
            email: guests.email,
            plusOnes: guests.plusOnes,
            status: guests.status,
            invitedAt: guests.invitedAt,
            hasNeeds: guests.hasNeeds,
            checkedInAt: guestCheckIns.checkedInAt,
          })
          .from(guests)
          .leftJoin(guestCheckIns, eq(guestCheckIns.guestId, guests.id))
          .where(eq(guests.eventId, eventId))
          .orderBy(asc(guests.name), asc(guests.id));
        audit({
          actorId: actor.id,
          ...event,
          projectId: loaded.event.projectId,
          outcome: 'allowed',
          details: { purpose: options.purpose, restricted: mayViewRestricted, needsOpened: needsByGuest.size },
          meta,
        });
        const { date, time } = zonedParts(loaded.event.startsAt, loaded.event.timeZone);
        return {
          id: loaded.event.id,
          projectId: loaded.event.projectId,
          codename: loaded.codename,
          name: loaded.event.name,
          startsAt: loaded.event.startsAt,
          timeZone: loaded.event.timeZone,
          date,
          time,
          publicDescription: loaded.event.publicDescription,
          needsRetentionDays: loaded.event.needsRetentionDays,
          venue,
          mayManage,
          mayViewRestricted,
          guests: rows.map((g) => ({
            id: g.id,
            name: g.name,
            email: g.email,
            plusOnes: g.plusOnes,
            status: g.status,
            invited: g.invitedAt !== null,
            hasNeeds: g.hasNeeds,
            needs: needsByGuest.get(g.id) ?? null,
            checkedInAt: g.checkedInAt,
          })),
        };
      },
      { meta, now },
    );
  } catch (error) {
    if (error === hidden) return null;
    throw error;
  }
}
