import 'server-only';
import { eq } from 'drizzle-orm';
import { guestCheckIns, guests } from '@/db/schema';
import type { Actor } from '@/lib/authz';
import type { RequestMeta } from '../audit';
import { withActor } from '../transaction';
import { loadEvent } from './event-facts';

/** One tap at the door: the guest is checked in (once; a second tap changes nothing) and marked as attended. */
export async function checkInGuest(actor: Actor, guestId: string, meta: RequestMeta, now = new Date()) {
  return withActor(
    actor,
    async ({ tx, audit, authorize, deny }) => {
      const [guest] = await tx
        .select({ id: guests.id, eventId: guests.eventId })
        .from(guests)
        .where(eq(guests.id, guestId));
      const loaded = guest ? await loadEvent(tx, actor, guest.eventId) : null;
      const event = { action: 'event.check_in', targetType: 'guest', targetId: guestId } as const;
      if (!guest || !loaded) return deny({ ...event, projectId: null, reason: 'not_found' });
      authorize(
        'event.manage',
        { type: 'event', project: loaded.project, event: loaded.facts },
        { ...event, projectId: loaded.event.projectId, recordAllowed: false },
      );
      const inserted = await tx
        .insert(guestCheckIns)
        .values({ guestId, eventId: guest.eventId, checkedInBy: actor.id, checkedInAt: now })
        .onConflictDoNothing()
        .returning({ id: guestCheckIns.id });
      if (inserted.length === 0) return { eventId: guest.eventId, already: true };
      await tx.update(guests).set({ status: 'attended' }).where(eq(guests.id, guestId));
      audit({
        actorId: actor.id,
        ...event,
        projectId: loaded.event.projectId,
        outcome: 'allowed',
        details: { eventId: guest.eventId },
        meta,
      });
      return { eventId: guest.eventId, already: false };
    },
    { meta, now },
  );
}
