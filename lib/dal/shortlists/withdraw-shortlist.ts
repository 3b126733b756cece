import 'server-only';
import { and, eq, isNull } from 'drizzle-orm';
import { shortlistEntries, shortlists } from '@/db/schema';
import type { Actor } from '@/lib/authz';
import { canWithdrawFromShortlist } from '@/lib/authz/profiles';
import { invalid } from '@/lib/errors';
import type { RequestMeta } from '../audit';
import { withActor } from '../transaction';
import { loadShortlist } from './load-shortlist';
import { withdrawEntry, withdrawnFrom } from './withdraw-shortlist-entry';

/** Withdraws the whole shortlist (its author): the brand no longer sees it or anyone on it. */
export async function withdrawShortlist(
  actor: Actor,
  input: { shortlistId: string },
  meta: RequestMeta,
  now = new Date(),
): Promise<number> {
  return withActor(
    actor,
    async (work) => {
      const { tx, audit, deny, enforce } = work;
      const list = await loadShortlist(tx, input.shortlistId);
      const event = {
        action: 'shortlist.withdraw_all',
        targetType: 'shortlist',
        targetId: list?.row.id ?? null,
        details: { shortlistId: input.shortlistId },
        recordAllowed: false,
      } as const;
      if (!list) return deny({ ...event, reason: 'not_found' });
      enforce(canWithdrawFromShortlist(actor, list.facts, null), event);
      const [moved] = await tx
        .update(shortlists)
        .set({ withdrawnAt: now })
        .where(and(eq(shortlists.id, list.row.id), isNull(shortlists.withdrawnAt)))
        .returning({ id: shortlists.id });
      if (!moved) throw invalid('This shortlist is already withdrawn.');
      const entries = await tx
        .select({
          shortlistId: shortlistEntries.shortlistId,
          profileId: shortlistEntries.profileId,
          userId: shortlistEntries.userId,
          withdrawnAt: shortlistEntries.withdrawnAt,
        })
        .from(shortlistEntries)
        .where(and(eq(shortlistEntries.shortlistId, list.row.id), isNull(shortlistEntries.withdrawnAt)));
      let n = 0;
      const from = withdrawnFrom(list.row);
      for (const entry of entries) if (await withdrawEntry(work, { list: from, entry })) n++;
      audit({
        actorId: actor.id,
        action: 'shortlist.withdraw_all',
        targetType: 'shortlist',
        targetId: list.row.id,
        outcome: 'allowed',
        details: { entries: n },
        meta,
      });
      return n;
    },
    { meta, now },
  );
}
