import 'server-only';
import { currentMasterKeyId, seal } from '@/lib/crypto/envelope';
import { eventAllowlist, events, eventVenues } from '@/db/schema';
import { can, type Actor } from '@/lib/authz';
import { notFoundError } from '@/lib/errors';
import type { RequestMeta } from '../audit';
import { loadProjectFacts } from '../facts';
import { refuse, withActor } from '../transaction';
import { venueContext, zonedInstant, type VenueContent } from './event-facts';

export type EventInput = {
  name: string;
  date: string;
  time: string;
  timeZone: string;
  publicDescription: string;
  venue: string;
  access: string;
  security: string;
  needsRetentionDays: number;
};

/**
 * Creates an event of a project (staff with the logistics scope). The venue, access and security details are
 * sealed in their own row, and the creator starts on the event's allowlist (as an item's author does).
 */
export async function createEvent(
  actor: Actor,
  projectId: string,
  input: EventInput,
  meta: RequestMeta,
  now = new Date(),
) {
  return withActor(actor, async ({ tx, audit }) => {
    const project = await loadProjectFacts(tx, actor, projectId);
    const entry = {
      actorId: actor.id,
      action: 'event.create',
      targetType: 'project',
      targetId: projectId,
      meta,
    } as const;
    const decision = project ? can(actor, 'event.manage', { type: 'event', project, event: null }, now) : null;
    if (!project || !decision?.allowed) {
      audit({
        ...entry,
        outcome: 'denied',
        projectId: project ? projectId : null,
        reason: decision && !decision.allowed ? decision.reason : 'not_found',
      });
      return refuse(notFoundError());
    }
    const [event] = await tx
      .insert(events)
      .values({
        projectId,
        name: input.name,
        startsAt: zonedInstant(input.date, input.time, input.timeZone),
        timeZone: input.timeZone,
        publicDescription: input.publicDescription,
        needsRetentionDays: input.needsRetentionDays,
        createdBy: actor.id,
        createdAt: now,
        updatedAt: now,
      })
      .returning({ id: events.id });
    await tx
      .insert(eventAllowlist)
      .values({ eventId: event!.id, userId: actor.id, reason: 'Created the event', grantedBy: null, grantedAt: now });
    const content: VenueContent = { venue: input.venue, access: input.access, security: input.security };
    await tx
      .insert(eventVenues)
      .values({
        eventId: event!.id,
        sealed: seal(JSON.stringify(content), venueContext(event!.id)),
        keyId: currentMasterKeyId(),
        updatedAt: now,
      });
    audit({ ...entry, targetType: 'event', targetId: event!.id, projectId, outcome: 'allowed' });
    return { id: event!.id };
  });
}
