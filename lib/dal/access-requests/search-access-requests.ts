import 'server-only';
import { and, eq, sql } from 'drizzle-orm';
import { accessRequests, clientAccounts, itemDirectory, projectDirectory, users } from '@/db/schema';
import { ndaCoversClient, type Actor } from '@/lib/authz';
import { itemReference } from '@/lib/labels';
import type { Page } from '@/lib/list-query';
import type { accessRequestListSchema } from '@/lib/validations/lists';
import type { z } from 'zod';
import { keyset, searchWhere, type SortKey } from '../list-page';
import { withActor } from '../transaction';
import { assertAllowed } from '../guard';
import { decider } from './list-access-requests';

/** One page of the admin's queue, searched by requester, project, client codename and reason, filtered by status. */
export async function searchAccessRequests(
  actor: Actor,
  params: z.output<typeof accessRequestListSchema>,
  now = new Date(),
) {
  assertAllowed(actor, 'access_request.decide');
  const sorts: Record<typeof params.sort, SortKey> = {
    created: { expr: sql`${accessRequests.createdAt}`, type: 'timestamptz' },
  };
  const page = keyset(sorts[params.sort], { expr: sql`${accessRequests.id}`, type: 'uuid' }, params);
  return withActor(actor, async ({ tx }) => {
    const rows = await tx
      .select({
        id: accessRequests.id,
        kind: accessRequests.kind,
        status: accessRequests.status,
        requester: users.name,
        requesterRole: users.role,
        project: projectDirectory.codename,
        owner: clientAccounts.codename,
        category: itemDirectory.category,
        ref: itemDirectory.ref,
        scopes: accessRequests.scopes,
        reason: accessRequests.reason,
        createdAt: accessRequests.createdAt,
        decidedBy: decider.name,
        decidedAt: accessRequests.decidedAt,
        decisionReason: accessRequests.decisionReason,
        ndaOnFile:
          sql<boolean>`${ndaCoversClient(sql`${accessRequests.requesterId}`, sql`${projectDirectory.clientAccountId}`, now)}`.mapWith(
            Boolean,
          ),
        ...page.columns,
      })
      .from(accessRequests)
      .innerJoin(users, eq(users.id, accessRequests.requesterId))
      .innerJoin(projectDirectory, eq(projectDirectory.id, accessRequests.projectId))
      .innerJoin(clientAccounts, eq(clientAccounts.id, projectDirectory.clientAccountId))
      .leftJoin(itemDirectory, eq(itemDirectory.id, accessRequests.itemId))
      .leftJoin(decider, eq(decider.id, accessRequests.decidedBy))
      .where(
        and(
          searchWhere(params.q, [
            sql`${users.name}`,
            sql`${projectDirectory.codename}`,
            sql`${clientAccounts.codename}`,
            sql`${accessRequests.reason}`,
          ]),
          params.status !== 'any' ? eq(accessRequests.status, params.status) : undefined,
          page.where,
        ),
      )
      .orderBy(...page.orderBy)
      .limit(page.limit);
    const result = page.page(rows);
    return {
      ...result,
      rows: result.rows.map(({ category, ref, ...r }) => ({
        ...r,
        requesterRole: r.requesterRole,
        item: category && ref !== null ? itemReference(category, ref) : null,
      })),
    };
  });
}
export type { Page };
