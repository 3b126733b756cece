import 'server-only';
import { eq, sql } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { shortlists } from '@/db/schema';
import type { ShortlistFacts } from '@/lib/authz/profiles';

/** A shortlist the actor may see (row-level security) and the facts the policy decides on. */
export async function loadShortlist(tx: Tx, shortlistId: string) {
  const [row] = await tx
    .select({
      id: shortlists.id,
      brandAccountId: shortlists.brandAccountId,
      campaign: shortlists.campaign,
      createdBy: shortlists.createdBy,
      proposedAt: shortlists.proposedAt,
      withdrawnAt: shortlists.withdrawnAt,
      createdAt: shortlists.createdAt,
      brandIsBrand: sql<boolean>`app_is_brand_account(${shortlists.brandAccountId})`,
      brandCodename: sql<string>`coalesce(app_account_codename(${shortlists.brandAccountId}), 'A brand')`,
    })
    .from(shortlists)
    .where(eq(shortlists.id, shortlistId));
  if (!row) return null;
  const facts: ShortlistFacts = {
    createdBy: row.createdBy,
    brandAccountId: row.brandAccountId,
    brandIsBrand: row.brandIsBrand === true,
    proposed: row.proposedAt !== null,
    withdrawn: row.withdrawnAt !== null,
  };
  return { row, facts };
}
