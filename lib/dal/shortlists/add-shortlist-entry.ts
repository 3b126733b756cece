import 'server-only';
import { eq } from 'drizzle-orm';
import { profiles, shortlistEntries } from '@/db/schema';
import type { Actor } from '@/lib/authz';
import { canShortlist } from '@/lib/authz/profiles';
import { notFoundError } from '@/lib/errors';
import type { RequestMeta } from '../audit';
import { refuse, withActor } from '../transaction';
import { loadProfileFacts } from '../profiles/facts';
import { loadShortlist } from './load';

/** Adds a creator the author is cleared for to their own shortlist before it is proposed (`shortlist.add`). */
export async function addShortlistEntry(
  actor: Actor,
  input: { shortlistId: string; profileId: string },
  meta: RequestMeta,
): Promise<void> {
  return withActor(actor, async ({ tx, audit }) => {
    const list = await loadShortlist(tx, input.shortlistId);
    const [profile] = await tx
      .select({ id: profiles.id, userId: profiles.userId })
      .from(profiles)
      .where(eq(profiles.id, input.profileId));
    const candidate = profile ? await loadProfileFacts(tx, actor, profile.userId) : undefined;
    const decision = list && candidate ? canShortlist(actor, 'shortlist.add', list.facts, candidate) : null;
    if (!list || !profile || !decision?.allowed) {
      audit({
        actorId: actor.id,
        action: 'shortlist.add',
        targetType: 'shortlist',
        targetId: list?.row.id ?? null,
        outcome: 'denied',
        reason: decision && !decision.allowed ? decision.reason : 'not_found',
        meta,
      });
      return refuse(notFoundError());
    }
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
  });
}
