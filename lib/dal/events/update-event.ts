import 'server-only';
import { eq } from 'drizzle-orm';
import { events, eventVenues } from '@/db/schema';
import type { Actor } from '@/lib/authz';
import { currentMasterKeyId, seal } from '@/lib/crypto/envelope';
import { notFoundError } from '@/lib/errors';
import type { RequestMeta } from '../audit';
import { refuse, withActor } from '../transaction';
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
  return withActor(actor, async ({ tx, audit }) => {
    const loaded = await loadEvent(tx, actor, eventId);
    const entry = { actorId: actor.id, action: 'event.update', targetType: 'event', targetId: eventId, meta } as const;
    const decision = loaded ? decide(actor, 'event.manage', loaded, now) : null;
    if (!loaded || !decision?.allowed) {
      audit({
        ...entry,
        outcome: 'denied',
        projectId: loaded?.event.projectId ?? null,
        reason: decision && !decision.allowed ? decision.reason : 'not_found',
      });
      return refuse(notFoundError());
    }
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
      ...entry,
      projectId: loaded.event.projectId,
      outcome: 'allowed',
      details: { restrictedPartChanged: restricted },
    });
    return { id: eventId };
  });
}
