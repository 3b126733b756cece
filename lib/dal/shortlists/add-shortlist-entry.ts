import 'server-only';
import { eq } from 'drizzle-orm';
import { profiles, shortlistEntries } from '@/db/schema';
import type { Actor } from '@/lib/authz';
import { canShortlist } from '@/lib/authz/profiles';
import type { RequestMeta } from '../audit';
import { withActor } from '../transaction';
import { loadProfileFacts } from '../profiles/facts';
import { loadShortlist } from './load-shortlist';

/** Adds a creator the author is cleared for to their own shortlist before it is proposed (`shortlist.add`). */
export async function addShortlistEntry(
  actor: Actor,
  input: { shortlistId: string; profileId: string },
  meta: RequestMeta,
): Promise<void> {
  return withActor(
    actor,
    async ({ tx, audit, deny, enforce }) => {
      const list = await loadShortlist(tx, input.shortlistId);
      const [profile] = await tx
        .select({ id: profiles.id, userId: profiles.userId })
        .from(profiles)
        .where(eq(profiles.id, input.profileId));
      const candidate = profile ? await loadProfileFacts(tx, actor, profile.userId) : undefined;
      const event = { action: 'shortlist.add', targetType: 'shortlist', targetId: list?.row.id ?? null } as const;
      if (!list || !profile || !candidate) return deny({ ...event, reason: 'not_found' });
      enforce(canShortlist(actor, 'shortlist.add', list.facts, candidate), { ...event, recordAllowed: false });
      await tx
        .insert(shortlistEntries)
        .values({ shortlistId: list.row.id, profileId: profile.id, userId: profile.userId, addedBy: actor.id })
        .onConflictDoNothing();
      audit({
        actorId: actor.id,
        action: 'shortlist.add',
        targetType: 'shortlist',
        targetId: list.row.id,
        outcome: 'allowed',
        details: { profileId: profile.id },
        meta,
      });
    },
    { meta },
  );
}
