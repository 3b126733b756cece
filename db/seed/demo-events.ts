import 'server-only';
import { randomUUID } from 'node:crypto';
import type { Tx } from '../client';
import { eventAllowlist, events, eventVenues, guestNeedConsents, guestNeeds, guests } from '../schema';
import { currentMasterKeyId, seal } from '@/lib/crypto/envelope';
import { randomToken, sha256Hex } from '@/lib/crypto/tokens';
import { NEEDS_NOTICE_VERSION } from '@/lib/events/needs-notice';

/**
 * Aurora's launch event (docs/product.md §9.1, issue 14): its public description AURORA-LAUNCH-INVITE is for invited
 * guests; the venue AURORA-EVENT-VENUE (high-risk, allowlist sam.lead) and one guest's dietary need AURORA-DIET-NEEDS
 * are seen by sam.lead and nova only. Sealed like the application seals them; the guests' links are unknown to anyone
 * (random tokens, only their hashes kept).
 */
export const EVENT_CANARIES = ['AURORA-LAUNCH-INVITE', 'AURORA-EVENT-VENUE', 'AURORA-DIET-NEEDS'] as const;

export const AURORA_LAUNCH = {
  name: 'Aurora launch party',
  publicDescription: 'An evening launch with Lumen: drinks, a first look and music. Dress: smart. AURORA-LAUNCH-INVITE',
  venue: {
    venue: 'The Glasshouse, 12 Wharf Road (back entrance) AURORA-EVENT-VENUE',
    access: 'Guest list at the side door; talent arrives 18:30 by the loading bay.',
    security: 'Two guards; no photos before 20:00.',
  },
  guests: [
    {
      name: 'Priya Shah',
      email: 'priya.shah@guests.test',
      plusOnes: 1,
      status: 'accepted' as const,
      needs: { dietary: 'Vegan, severe sesame allergy AURORA-DIET-NEEDS', accessibility: '' },
    },
    { name: 'Tom Becker', email: 'tom.becker@guests.test', plusOnes: 0, status: 'invited' as const, needs: null },
    { name: 'Lena Ortiz', email: 'lena.ortiz@guests.test', plusOnes: 2, status: 'declined' as const, needs: null },
  ],
};

export async function seedEvents(
  tx: Tx,
  ids: { sam: string; aurora: string },
  days: (n: number) => Date,
): Promise<{ auroraLaunch: string }> {
  const eventId = randomUUID();
  const startsAt = new Date(Date.UTC(days(21).getUTCFullYear(), days(21).getUTCMonth(), days(21).getUTCDate(), 18, 0));
  await tx.insert(events).values({
    id: eventId,
    projectId: ids.aurora,
    name: AURORA_LAUNCH.name,
    startsAt,
    timeZone: 'Europe/London',
    publicDescription: AURORA_LAUNCH.publicDescription,
    needsRetentionDays: 30,
    createdBy: ids.sam,
  });
  await tx.insert(eventAllowlist).values({ eventId, userId: ids.sam, reason: 'Created the event', grantedBy: null });
  await tx.insert(eventVenues).values({
    eventId,
    sealed: seal(JSON.stringify(AURORA_LAUNCH.venue), `event-venue:${eventId}`),
    keyId: currentMasterKeyId(),
  });
  for (const g of AURORA_LAUNCH.guests) {
    const guestId = randomUUID();
    await tx.insert(guests).values({
      id: guestId,
      eventId,
      name: g.name,
      email: g.email,
      plusOnes: g.plusOnes,
      status: g.status,
      tokenHash: sha256Hex(randomToken()),
      tokenExpiresAt: new Date(startsAt.getTime() + 86_400_000),
      hasNeeds: g.needs !== null,
      invitedAt: days(-7),
      respondedAt: g.status === 'invited' ? null : days(-5),
    });
    if (g.needs) {
      await tx.insert(guestNeeds).values({
        guestId,
        eventId,
        sealed: seal(JSON.stringify(g.needs), `guest-needs:${guestId}`),
        keyId: currentMasterKeyId(),
        givenAt: days(-5),
      });
      await tx
        .insert(guestNeedConsents)
        .values({ guestId, eventId, decision: 'granted', noticeVersion: NEEDS_NOTICE_VERSION, createdAt: days(-5) });
    }
  }
  return { auroraLaunch: eventId };
}
