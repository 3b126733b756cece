import 'server-only';
import { and, eq, sql } from 'drizzle-orm';
import { projects } from '@/db/schema';
import { identityVisibleWhere, visibleProjectsWhere, type Actor } from '@/lib/authz';
import type { Page } from '@/lib/list-query';
import type { projectListSchema } from '@/lib/validations/lists';
import type { z } from 'zod';
import { keyset, searchWhere, type SortKey } from '../list-page';
import { withActor } from '../transaction';
import { owner, counterparty, summaryColumns, type ProjectSummary } from './project-summary';

/**
 * One page of the actor's projects (issue 16), searched by codename and — only where the actor may know it —
 * the client's and counterparty's real names: a name the list would withhold never finds its project.
 */
export async function searchVisibleProjects(
  actor: Actor,
  params: z.output<typeof projectListSchema>,
  now = new Date(),
): Promise<Page<ProjectSummary>> {
  const identity = identityVisibleWhere(actor, now);
  const sorts: Record<typeof params.sort, SortKey> = {
    codename: { expr: sql`lower(${projects.codename})`, type: 'text' },
    status: { expr: sql`${projects.status}::text`, type: 'text' },
  };
  const page = keyset(sorts[params.sort], { expr: sql`${projects.id}`, type: 'uuid' }, params);
  const rows = await withActor(actor, ({ tx }) =>
    tx
      .select({ ...summaryColumns(actor, now), ...page.columns })
      .from(projects)
      .innerJoin(owner, eq(owner.id, projects.clientAccountId))
      .leftJoin(counterparty, eq(counterparty.id, projects.counterpartyAccountId))
      .where(
        and(
          visibleProjectsWhere(actor, now),
          searchWhere(params.q, [
            sql`${projects.codename}`,
            sql`case when ${identity} then ${owner.name} end`,
            sql`case when ${identity} then ${counterparty.name} end`,
          ]),
          page.where,
        ),
      )
      .orderBy(...page.orderBy)
      .limit(page.limit),
  );
  return page.page(rows);
}
