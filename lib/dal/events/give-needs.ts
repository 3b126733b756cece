import 'server-only';
import { eq, sql } from 'drizzle-orm';
import { guestNeedConsents, guestNeeds, guests } from '@/db/schema';
import { currentMasterKeyId, seal } from '@/lib/crypto/envelope';
import { invalid } from '@/lib/errors';
import { NEEDS_CONSENT_MISSING, NEEDS_EMPTY, NEEDS_NOTICE_VERSION, RSVP_INVALID } from '@/lib/events/needs-notice';
import type { RequestMeta } from '../audit';
import { needsContext, type NeedsContent } from './event-facts';
import { withRsvpLink } from './rsvp';

/**
 * A guest gives (or changes) their dietary and accessibility needs: only with the consent box ticked, recorded
 * append-only with the notice version they read; sealed at rest, bound to the guest.
 */
export async function giveNeeds(
  token: string,
  needs: NeedsContent & { consent: boolean },
  meta: RequestMeta,
  now = new Date(),
) {
  const content: NeedsContent = { dietary: needs.dietary.trim(), accessibility: needs.accessibility.trim() };
  return withRsvpLink(token, async ({ tx, audit }) => {
    const [guest] = await tx
      .select({ id: guests.id, eventId: guests.eventId })
      .from(guests)
      .where(eq(guests.id, sql`app_rsvp_guest()`));
    // The link first: without a valid one, nothing else is said.
    if (!guest) throw invalid(RSVP_INVALID);
    if (!content.dietary && !content.accessibility)
      throw invalid(NEEDS_EMPTY, { dietary: ['Write a need, or leave this part out.'] });
    if (!needs.consent) throw invalid(NEEDS_CONSENT_MISSING, { consent: [NEEDS_CONSENT_MISSING] });
    const sealed = seal(JSON.stringify(content), needsContext(guest.id));
    await tx
      .insert(guestNeeds)
      .values({ guestId: guest.id, eventId: guest.eventId, sealed, keyId: currentMasterKeyId(), givenAt: now })
      .onConflictDoUpdate({ target: guestNeeds.guestId, set: { sealed, keyId: currentMasterKeyId(), givenAt: now } });
    await tx.insert(guestNeedConsents).values({
      guestId: guest.id,
      eventId: guest.eventId,
      decision: 'granted',
      noticeVersion: NEEDS_NOTICE_VERSION,
      createdAt: now,
    });
    await tx.update(guests).set({ hasNeeds: true }).where(eq(guests.id, guest.id));
    audit({
      actorId: null,
      action: 'rsvp.give_needs',
      targetType: 'guest',
      targetId: guest.id,
      outcome: 'allowed',
      details: { eventId: guest.eventId, noticeVersion: NEEDS_NOTICE_VERSION },
      meta,
    });
    return { ok: true as const };
  });
}
