import 'server-only';
import { and, asc, eq, gt, isNull, or, sql } from 'drizzle-orm';
import { authorizations, clientAccounts } from '@/db/schema';
import { withActor } from './transaction';

export type PortfolioEntry = { id: string; title: string; summary: string };

/**
 * The public portfolio: only projects with an active written `portfolio_use` authorization, never a client
 * demanding zero public association, and only the title and summary the client approved.
 */
export async function listPortfolio(now = new Date()): Promise<PortfolioEntry[]> {
  return withActor(null, ({ tx }) => tx
    .select({ id: authorizations.id, title: authorizations.publicTitle, summary: authorizations.publicSummary })
    .from(authorizations)
    .innerJoin(clientAccounts, eq(clientAccounts.id, authorizations.clientAccountId))
    .where(
      and(
        eq(authorizations.kind, 'portfolio_use'),
        isNull(authorizations.revokedAt),
        or(isNull(authorizations.expiresAt), gt(authorizations.expiresAt, sql`${now.toISOString()}::timestamptz`)),
        eq(clientAccounts.zeroPublicAssociation, false),
      ),
    )
    .orderBy(asc(authorizations.signedAt)));
}
