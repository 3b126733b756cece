import 'server-only';
import { and, eq } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { eventAllowlist, events, projectDirectory } from '@/db/schema';
import { can, type Actor, type EventAction, type EventFacts, type ProjectFacts } from '@/lib/authz';
import { loadProjectFacts } from '../facts';
export { zonedInstant, zonedParts } from '@/lib/events/zoned';

export type EventRow = typeof events.$inferSelect;

export type LoadedEvent = { event: EventRow; project: ProjectFacts; facts: EventFacts; codename: string };

/**
 * An event with the facts the policy needs about it for this actor. The events row is read under row-level
 * security, so an event the database hides is `null`, exactly like one that does not exist.
 */
export async function loadEvent(tx: Tx, actor: Actor, eventId: string): Promise<LoadedEvent | null> {
  const [event] = await tx.select().from(events).where(eq(events.id, eventId));
  if (!event) return null;
  const project = await loadProjectFacts(tx, actor, event.projectId);
  if (!project) return null;
  // Only active entries count: a grant pending the owning client's approval, or refused, opens nothing (migration
  // 0037).
  const allowlist = await tx
    .select({ revokedAt: eventAllowlist.revokedAt })
    .from(eventAllowlist)
    .where(
      and(
        eq(eventAllowlist.eventId, eventId),
        eq(eventAllowlist.userId, actor.id),
        eq(eventAllowlist.status, 'active'),
      ),
    );
  const [directory] = await tx
    .select({ codename: projectDirectory.codename })
    .from(projectDirectory)
    .where(eq(projectDirectory.id, event.projectId));
  return { event, project, facts: { id: event.id, allowlist }, codename: directory?.codename ?? '' };
}

export const decide = (actor: Actor, action: EventAction, loaded: Pick<LoadedEvent, 'project' | 'facts'>, now: Date) =>
  can(actor, action, { type: 'event', project: loaded.project, event: loaded.facts }, now);

/** Sealing contexts: each envelope is bound to its row, so one cannot be moved to another. */
export const venueContext = (eventId: string) => `event-venue:${eventId}`;
export const needsContext = (guestId: string) => `guest-needs:${guestId}`;

export type VenueContent = { venue: string; access: string; security: string };
export type NeedsContent = { dietary: string; accessibility: string };

/** An RSVP link works until a day after the event starts. */
export const rsvpExpiry = (startsAt: Date) => new Date(startsAt.getTime() + 86_400_000);
