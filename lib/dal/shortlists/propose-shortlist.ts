import 'server-only';
import { eq } from 'drizzle-orm';
import { shortlistEntries, shortlists } from '@/db/schema';
import type { Actor } from '@/lib/authz';
import { canShortlist } from '@/lib/authz/profiles';
import { invalid } from '@/lib/errors';
import { SHORTLIST_EMPTY } from '@/lib/profiles/messages';
import type { RequestMeta } from '../audit';
import { notify } from '../notifications/notify';
import { withActor } from '../transaction';
import { brandFor } from '../profiles/brand-label';
import { loadShortlist } from './load-shortlist';

/**
 * Proposes the shortlist to its brand (`shortlist.propose`): from now on the brand's members see each creator's
 * brand-visible fields, and each creator is told they were proposed and to whom — by the brand's codename
 * unless they already deal with it.
 */
export async function proposeShortlist(actor: Actor, shortlistId: string, meta: RequestMeta): Promise<number> {
  return withActor(
    actor,
    async ({ tx, audit, deny, enforce }) => {
      const list = await loadShortlist(tx, shortlistId);
      const event = { action: 'shortlist.propose', targetType: 'shortlist', targetId: list?.row.id ?? null } as const;
      if (!list) return deny({ ...event, reason: 'not_found' });
      enforce(canShortlist(actor, 'shortlist.propose', list.facts), { ...event, recordAllowed: false });
      const entries = await tx
        .select({ userId: shortlistEntries.userId })
        .from(shortlistEntries)
        .where(eq(shortlistEntries.shortlistId, list.row.id));
      if (entries.length === 0) throw invalid(SHORTLIST_EMPTY);
      await tx.update(shortlists).set({ proposedAt: new Date() }).where(eq(shortlists.id, list.row.id));
      for (const { userId } of entries) {
        const brand = await brandFor(tx, userId, list.row.brandAccountId);
        // The campaign's name may name the brand: only shown to someone who already deals with it.
        const campaign = brand.known ? ` (“${list.row.campaign}”)` : '';
        await notify(
          tx,
          { kind: 'shortlist.proposed', userIds: [userId], projectId: null, subject: list.row.id },
          () => ({
            title: `You were proposed to ${brand.label}`,
            body: `The agency proposed you to ${brand.label} for a campaign${campaign}. The brand sees only the fields of your profile you made visible to brands or public.`,
            href: '/profile',
          }),
        );
      }
      audit({
        actorId: actor.id,
        action: 'shortlist.propose',
        targetType: 'shortlist',
        targetId: list.row.id,
        outcome: 'allowed',
        details: { entries: entries.length },
        meta,
      });
      return entries.length;
    },
    { meta },
  );
}
