import 'server-only';
import { eq } from 'drizzle-orm';
import { events, eventVenues } from '@/db/schema';
import type { Actor } from '@/lib/authz';
import { currentMasterKeyId, seal } from '@/lib/crypto/envelope';
import type { RequestMeta } from '../audit';
import { withActor } from '../transaction';
import type { EventInput } from './create-event';
import { decide, loadEvent, venueContext, zonedInstant, type VenueContent } from './event-facts';

/**
 * Edits an event (logistics staff). The high-risk part changes only for someone on the event's allowlist: for
 * anyone else the form has no such fields and what they send for them is ignored.
 */
export async function updateEvent(
  actor: Actor,
  eventId: string,
  input: EventInput,
  meta: RequestMeta,
  now = new Date(),
) {
  return withActor(
    actor,
    async ({ tx, audit, authorize, deny }) => {
      const loaded = await loadEvent(tx, actor, eventId);
      const event = { action: 'event.update', targetType: 'event', targetId: eventId } as const;
      if (!loaded) return deny({ ...event, projectId: null, reason: 'not_found' });
      authorize(
        'event.manage',
        { type: 'event', project: loaded.project, event: loaded.facts },
        { ...event, projectId: loaded.event.projectId, recordAllowed: false },
      );
      await tx
        .update(events)
        .set({
          name: input.name,
          startsAt: zonedInstant(input.date, input.time, input.timeZone),
          timeZone: input.timeZone,
          publicDescription: input.publicDescription,
          needsRetentionDays: input.needsRetentionDays,
          updatedAt: now,
        })
        .where(eq(events.id, eventId));
      const restricted = decide(actor, 'event.view_restricted', loaded, now).allowed;
      if (restricted) {
        const content: VenueContent = { venue: input.venue, access: input.access, security: input.security };
        const sealed = seal(JSON.stringify(content), venueContext(eventId));
        await tx
          .insert(eventVenues)
          .values({ eventId, sealed, keyId: currentMasterKeyId(), updatedAt: now })
          .onConflictDoUpdate({
            target: eventVenues.eventId,
            set: { sealed, keyId: currentMasterKeyId(), updatedAt: now },
          });
      }
      audit({
        actorId: actor.id,
        ...event,
        projectId: loaded.event.projectId,
        outcome: 'allowed',
        details: { restrictedPartChanged: restricted },
        meta,
      });
      return { id: eventId };
    },
    { meta, now },
  );
}
