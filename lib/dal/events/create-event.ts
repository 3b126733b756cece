import 'server-only';
import { currentMasterKeyId, seal } from '@/lib/crypto/envelope';
import { eventAllowlist, events, eventVenues } from '@/db/schema';
import type { Actor } from '@/lib/authz';
import type { RequestMeta } from '../audit';
import { loadProjectFacts } from '../facts';
import { withActor } from '../transaction';
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
  return withActor(
    actor,
    async ({ tx, audit, authorize, deny }) => {
      const project = await loadProjectFacts(tx, actor, projectId);
      const event = { action: 'event.create', targetType: 'project', targetId: projectId } as const;
      if (!project) return deny({ ...event, projectId: null, reason: 'not_found' });
      authorize('event.manage', { type: 'event', project, event: null }, { ...event, projectId, recordAllowed: false });
      const [created] = await tx
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
      await tx.insert(eventAllowlist).values({
        eventId: created!.id,
        userId: actor.id,
        reason: 'Created the event',
        grantedBy: null,
        grantedAt: now,
      });
      const content: VenueContent = { venue: input.venue, access: input.access, security: input.security };
      await tx.insert(eventVenues).values({
        eventId: created!.id,
        sealed: seal(JSON.stringify(content), venueContext(created!.id)),
        keyId: currentMasterKeyId(),
        updatedAt: now,
      });
      audit({
        actorId: actor.id,
        action: 'event.create',
        targetType: 'event',
        targetId: created!.id,
        projectId,
        outcome: 'allowed',
        meta,
      });
      return { id: created!.id };
    },
    { meta, now },
  );
}
