import 'server-only';
import { desc, sql } from 'drizzle-orm';
import { clientAccounts, legalHolds, projectDirectory, users } from '@/db/schema';
import type { Actor } from '@/lib/authz';
import { assertAllowed } from '../guard';
import { withActor } from '../transaction';

export type LegalHold = {
  id: string;
  target: string;
  targetType: 'account' | 'project';
  reason: string;
  placedBy: string | null;
  placedAt: Date;
  releasedAt: Date | null;
};

/** Holds, active first. Accounts and projects by codename. */
export async function listLegalHolds(actor: Actor): Promise<LegalHold[]> {
  assertAllowed(actor, 'retention.manage');
  const rows = await withActor(actor, ({ tx }) =>
    tx
      .select({
        id: legalHolds.id,
        account: sql<
          string | null
        >`(select ca.codename from ${clientAccounts} ca where ca.id = ${legalHolds.clientAccountId})`,
        project: sql<
          string | null
        >`(select pd.codename from ${projectDirectory} pd where pd.id = ${legalHolds.projectId})`,
        reason: legalHolds.reason,
        placedBy: sql<string | null>`(select u.name from ${users} u where u.id = ${legalHolds.placedBy})`,
        placedAt: legalHolds.placedAt,
        releasedAt: legalHolds.releasedAt,
      })
      .from(legalHolds)
      .orderBy(sql`${legalHolds.releasedAt} is not null`, desc(legalHolds.placedAt)),
  );
  return rows.map(({ account, project, ...r }) => ({
    ...r,
    target: account ?? project ?? '—',
    targetType: account ? 'account' : 'project',
  }));
}
