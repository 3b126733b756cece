import 'server-only';
import { and, eq } from 'drizzle-orm';
import { shortlistEntries } from '@/db/schema';
import type { Actor } from '@/lib/authz';
import { canWithdrawFromShortlist } from '@/lib/authz/profiles';
import { invalid } from '@/lib/errors';
import type { RequestMeta } from '../audit';
import { withActor } from '../transaction';
import { loadShortlist } from './load-shortlist';
import { withdrawEntry, withdrawnFrom } from './withdraw-shortlist-entry';

/** Withdraws one creator from a shortlist: its author, or the creator themselves. */
export async function withdrawFromShortlist(
  actor: Actor,
  input: { shortlistId: string; profileId: string },
  meta: RequestMeta,
  now = new Date(),
) {
  return withActor(
    actor,
    async (work) => {
      const { tx, deny, enforce } = work;
      const list = await loadShortlist(tx, input.shortlistId);
      const [entry] = list
        ? await tx
            .select({
              shortlistId: shortlistEntries.shortlistId,
              profileId: shortlistEntries.profileId,
              userId: shortlistEntries.userId,
              withdrawnAt: shortlistEntries.withdrawnAt,
            })
            .from(shortlistEntries)
            .where(and(eq(shortlistEntries.shortlistId, list.row.id), eq(shortlistEntries.profileId, input.profileId)))
        : [];
      const event = {
        action: 'shortlist.withdraw',
        targetType: 'shortlist',
        targetId: list?.row.id ?? null,
        details: { shortlistId: input.shortlistId, profileId: input.profileId },
        recordAllowed: false,
      } as const;
      if (!list || !entry) return deny({ ...event, reason: 'not_found' });
      enforce(canWithdrawFromShortlist(actor, list.facts, entry.userId), event);
      if (entry.withdrawnAt || !(await withdrawEntry(work, { list: withdrawnFrom(list.row), entry }))) {
        throw invalid('Already withdrawn from this shortlist.');
      }
    },
    { meta, now },
  );
}
