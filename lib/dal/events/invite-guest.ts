import 'server-only';
import { and, eq, sql } from 'drizzle-orm';
import { guests } from '@/db/schema';
import type { Actor } from '@/lib/authz';
import { randomToken, sha256Hex } from '@/lib/crypto/tokens';
import { invalid } from '@/lib/errors';
import type { RequestMeta } from '../audit';
import { appOrigin } from '@/lib/dal/outbox/read-app-origin';
import { queueEmail } from '@/lib/dal/outbox/queue-email';
import { withActor } from '../transaction';
import { loadEvent, rsvpExpiry } from './event-facts';

export type GuestInput = { name: string; email: string; plusOnes: number };

/**
 * Adds a guest and emails their personal RSVP link (through the outbox, so it is sent only if this commits).
 * The link's token is stored only as its hash and stops working a day after the event. The email says only what
 * the guest's RSVP page says: the event's public description, never the client's name.
 */
export async function inviteGuest(
  actor: Actor,
  eventId: string,
  input: GuestInput,
  meta: RequestMeta,
  now = new Date(),
) {
  return withActor(
    actor,
    async ({ tx, audit, authorize, deny }) => {
      const loaded = await loadEvent(tx, actor, eventId);
      const event = { action: 'event.invite_guest', targetType: 'event', targetId: eventId } as const;
      if (!loaded) return deny({ ...event, projectId: null, reason: 'not_found' });
      authorize(
        'event.manage',
        { type: 'event', project: loaded.project, event: loaded.facts },
        { ...event, projectId: loaded.event.projectId, recordAllowed: false },
      );
      const email = input.email.trim();
      const [taken] = await tx
        .select({ id: guests.id })
        .from(guests)
        .where(and(eq(guests.eventId, eventId), eq(sql`lower(${guests.email})`, email.toLowerCase())));
      if (taken) throw invalid('This person is already on the guest list.', { email: ['Already on the guest list.'] });
      const token = randomToken();
      const [guest] = await tx
        .insert(guests)
        .values({
          eventId,
          name: input.name,
          email,
          plusOnes: input.plusOnes,
          tokenHash: sha256Hex(token),
          tokenExpiresAt: rsvpExpiry(loaded.event.startsAt),
          invitedAt: now,
          createdAt: now,
        })
        .returning({ id: guests.id });
      const plus =
        input.plusOnes > 0 ? `\n\nYou may bring ${input.plusOnes} guest${input.plusOnes === 1 ? '' : 's'}.` : '';
      await queueEmail(tx, {
        to: email,
        subject: 'Your invitation',
        text:
          `Hello ${input.name},\n\nYou are invited.\n\n${loaded.event.publicDescription}${plus}\n\n` +
          `Please let us know whether you will come, using your personal link (do not forward it):\n${appOrigin()}/rsvp/${token}\n\n` +
          'The link works until the day after the event.',
      });
      audit({
        actorId: actor.id,
        ...event,
        projectId: loaded.event.projectId,
        outcome: 'allowed',
        details: { guestId: guest!.id },
        meta,
      });
      return { id: guest!.id };
    },
    { meta, now },
  );
}
