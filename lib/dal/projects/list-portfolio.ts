import 'server-only';
import { asc, sql } from 'drizzle-orm';
import { publicPortfolio } from '@/db/schema';
import { withActor } from '../transaction';

export type PortfolioEntry = { id: string; title: string; summary: string };

/**
 * The public portfolio (docs/product.md §5): only projects with a signed `portfolio_use` authorization in force, never
 * a client demanding zero public association, and only the title and summary the client approved. The rule
 * lives in the database view `public_portfolio`; read on every request, so a revocation shows at once.
 */
export async function listPortfolio(): Promise<PortfolioEntry[]> {
  return withActor(null, ({ tx }) =>
    tx
      .select({ id: publicPortfolio.id, title: publicPortfolio.title, summary: publicPortfolio.summary })
      .from(publicPortfolio)
      // A client who restricted or objected to processing is left out of public display (issue 6).
      .where(sql`not privacy_restricted_project(${publicPortfolio.projectId})`)
      .orderBy(asc(publicPortfolio.signedAt)),
  );
}
