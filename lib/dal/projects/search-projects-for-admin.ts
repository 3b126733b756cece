import 'server-only';
import { and, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { projectDirectory } from '@/db/schema';
import type { Actor } from '@/lib/authz';
import type { Page } from '@/lib/list-query';
import type { adminProjectListSchema } from '@/lib/validations/lists';
import { keyset, searchWhere, type SortKey } from '../list-page';
import { withActor } from '../transaction';
import { assertAllowed } from '../guard';
import { owner, counterparty } from './project-summary';

export type AdminProjectRow = {
  id: string;
  codename: string;
  status: 'active' | 'closed';
  ownerCodename: string;
  counterpartyCodename: string | null;
  activeMembers: number;
};

/** One page of projects for access administration, searched by the codenames the page shows. */
export async function searchProjectsForAdmin(
  actor: Actor,
  params: z.output<typeof adminProjectListSchema>,
): Promise<Page<AdminProjectRow>> {
  assertAllowed(actor, 'membership.grant');
  const sorts: Record<typeof params.sort, SortKey> = {
    codename: { expr: sql`lower(${projectDirectory.codename})`, type: 'text' },
    client: { expr: sql`lower(${owner.codename})`, type: 'text' },
    status: { expr: sql`${projectDirectory.status}::text`, type: 'text' },
  };
  const page = keyset(sorts[params.sort], { expr: sql`${projectDirectory.id}`, type: 'uuid' }, params);
  const rows = await withActor(actor, ({ tx }) =>
    tx
      .select({
        id: projectDirectory.id,
        codename: projectDirectory.codename,
        status: projectDirectory.status,
        ownerCodename: owner.codename,
        counterpartyCodename: counterparty.codename,
        activeMembers: sql<number>`(select count(distinct m.user_id)::int from memberships m where m.project_id = ${projectDirectory.id}
          and m.revoked_at is null and (m.expires_at is null or m.expires_at > now()))`,
        ...page.columns,
      })
      .from(projectDirectory)
      .innerJoin(owner, eq(owner.id, projectDirectory.clientAccountId))
      .leftJoin(counterparty, eq(counterparty.id, projectDirectory.counterpartyAccountId))
      .where(
        and(
          searchWhere(params.q, [
            sql`${projectDirectory.codename}`,
            sql`${owner.codename}`,
            sql`${counterparty.codename}`,
          ]),
          params.status ? eq(projectDirectory.status, params.status) : undefined,
          page.where,
        ),
      )
      .orderBy(...page.orderBy)
      .limit(page.limit),
  );
  return page.page(rows);
}
