import 'server-only';
import { and, eq, isNull } from 'drizzle-orm';
import { shortlistEntries } from '@/db/schema';
import { notify } from '../notifications/notify';
import { brandFor } from '../profiles/brand-label';
import type { Work } from '../transaction';

/*
 * Shortlists can be withdrawn (issue 14): the author withdraws a creator or the whole shortlist, a creator
 * withdraws themselves. The brand stops seeing them at once (row-level security of migration 0037 hides a
 * withdrawn entry or list from the brand and takes away the brand's view of the profile); the creator and the
 * author keep the record. Each withdrawal is audited as an event about the creator, so it shows in their history.
 */

export type ShortlistEntryRow = { shortlistId: string; profileId: string; userId: string; withdrawnAt: Date | null };

export type WithdrawnFrom = { id: string; brandAccountId: string; createdBy: string; campaign: string };

/** Withdraws one entry, if it is not withdrawn yet (false otherwise), and tells the other side. */
export async function withdrawEntry(
  { tx, actor, audit, meta, now }: Work,
  { list, entry }: { list: WithdrawnFrom; entry: ShortlistEntryRow },
) {
  if (!actor) return false;
  const [row] = await tx
    .update(shortlistEntries)
    .set({ withdrawnAt: now, withdrawnBy: actor.id })
    .where(
      and(
        eq(shortlistEntries.shortlistId, entry.shortlistId),
        eq(shortlistEntries.profileId, entry.profileId),
        isNull(shortlistEntries.withdrawnAt),
      ),
    )
    .returning({ userId: shortlistEntries.userId });
  if (!row) return false;
  const by = actor.id === entry.userId ? 'creator' : 'agency';
  audit({
    actorId: actor.id,
    action: 'shortlist.withdraw',
    targetType: 'profile',
    targetId: entry.userId,
    outcome: 'allowed',
    details: { shortlistId: list.id, by },
    meta,
  });
  if (by === 'agency') {
    const brand = await brandFor(tx, entry.userId, list.brandAccountId);
    await notify(
      tx,
      { kind: 'shortlist.withdrawn', userIds: [entry.userId], projectId: null, subject: list.id },
      () => ({
        title: `You were withdrawn from a shortlist for ${brand.label}`,
        body: `The agency withdrew you from the shortlist it proposed to ${brand.label}. The brand no longer sees your profile there.`,
        href: '/profile',
      }),
    );
  } else {
    // The author learns that a creator they proposed withdrew (they know whom they proposed).
    await notify(
      tx,
      { kind: 'shortlist.withdrawn', userIds: [list.createdBy], projectId: null, subject: list.id },
      (_r, mention) => ({
        title: `A creator withdrew from your shortlist “${list.campaign}”`,
        body: `${mention(entry.userId)} withdrew from the shortlist “${list.campaign}”. The brand no longer sees them there.`,
        href: `/shortlists/${list.id}`,
      }),
    );
  }
  return true;
}

/** The facts of a loaded shortlist a withdrawal needs. */
export const withdrawnFrom = (row: WithdrawnFrom): WithdrawnFrom => ({
  id: row.id,
  brandAccountId: row.brandAccountId,
  createdBy: row.createdBy,
  campaign: row.campaign,
});
