import 'server-only';
import { eq } from 'drizzle-orm';
import { guestCheckIns, guests } from '@/db/schema';
import type { Actor } from '@/lib/authz';
import { notFoundError } from '@/lib/errors';
import type { RequestMeta } from '../audit';
import { refuse, withActor } from '../transaction';
import { decide, loadEvent } from './event-facts';

/** One tap at the door: the guest is checked in (once; a second tap changes nothing) and marked as attended. */
export async function checkInGuest(actor: Actor, guestId: string, meta: RequestMeta, now = new Date()) {
  return withActor(actor, async ({ tx, audit }) => {
    const [guest] = await tx
      .select({ id: guests.id, eventId: guests.eventId })
      .from(guests)
      .where(eq(guests.id, guestId));
    const loaded = guest ? await loadEvent(tx, actor, guest.eventId) : null;
    const entry = {
      actorId: actor.id,
      action: 'event.check_in',
      targetType: 'guest',
      targetId: guestId,
      meta,
    } as const;
    const decision = loaded ? decide(actor, 'event.manage', loaded, now) : null;
    if (!guest || !loaded || !decision?.allowed) {
      audit({
        ...entry,
        outcome: 'denied',
        projectId: loaded?.event.projectId ?? null,
        reason: decision && !decision.allowed ? decision.reason : 'not_found',
      });
      return refuse(notFoundError());
    }
    const inserted = await tx
      .insert(guestCheckIns)
      .values({ guestId, eventId: guest.eventId, checkedInBy: actor.id, checkedInAt: now })
      .onConflictDoNothing()
      .returning({ id: guestCheckIns.id });
    if (inserted.length === 0) return { eventId: guest.eventId, already: true };
    await tx.update(guests).set({ status: 'attended' }).where(eq(guests.id, guestId));
    audit({ ...entry, projectId: loaded.event.projectId, outcome: 'allowed', details: { eventId: guest.eventId } });
    return { eventId: guest.eventId, already: false };
  });
}
