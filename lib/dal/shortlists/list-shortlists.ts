import 'server-only';
import { desc, eq, isNotNull, isNull, or, and, inArray, sql } from 'drizzle-orm';
import { shortlistEntries, shortlists } from '@/db/schema';
import type { Actor } from '@/lib/authz';
import { withActor } from '../transaction';

export type ShortlistSummary = {
  id: string;
  campaign: string;
  brand: string;
  proposedAt: Date | null;
  withdrawnAt: Date | null;
  entries: number;
  mine: boolean;
};

/**
 * Shortlists the actor may see, filtered in SQL by the rule of `shortlist.view`: staff their own; brand members
 * those proposed to their brand. (Row-level security says the same.)
 */
export async function listShortlists(actor: Actor): Promise<ShortlistSummary[]> {
  if (actor.disabled || (actor.role !== 'staff' && actor.role !== 'client')) return [];
  const brands = actor.role === 'client' ? [...actor.clientAccountIds] : [];
  return withActor(actor, async ({ tx }) => {
    const rows = await tx
      .select({
        id: shortlists.id,
        campaign: shortlists.campaign,
        brand: sql<string>`coalesce(app_account_codename(${shortlists.brandAccountId}), 'A brand')`,
        proposedAt: shortlists.proposedAt,
        withdrawnAt: shortlists.withdrawnAt,
        createdBy: shortlists.createdBy,
        entries: sql<number>`(select count(*)::int from ${shortlistEntries} se where se.shortlist_id = ${shortlists.id} and se.withdrawn_at is null)`,
      })
      .from(shortlists)
      .where(
        or(
          actor.role === 'staff' ? eq(shortlists.createdBy, actor.id) : sql`false`,
          brands.length
            ? and(
                isNotNull(shortlists.proposedAt),
                isNull(shortlists.withdrawnAt),
                inArray(shortlists.brandAccountId, brands),
              )
            : sql`false`,
        ),
      )
      .orderBy(desc(shortlists.createdAt));
    return rows.map((r) => ({
      id: r.id,
      campaign: r.campaign,
      brand: r.brand,
      proposedAt: r.proposedAt,
      withdrawnAt: r.withdrawnAt,
      entries: Number(r.entries),
      mine: r.createdBy === actor.id,
    }));
  });
}
