import 'server-only';
import { desc, eq, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { accessRequests, clientAccounts, itemDirectory, projectDirectory, users } from '@/db/schema';
import { ndaCoversClient, type Actor } from '@/lib/authz';
import { itemReference } from '@/lib/labels';
import { withActor } from '../transaction';
import { assertAllowed } from '../guard';

export const decider = alias(users, 'decider');

/** The admin's queue: open requests first, then the latest decided; with whether an NDA covers the client. */
export async function listAccessRequests(actor: Actor) {
  assertAllowed(actor, 'access_request.decide');
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
          sql<boolean>`${ndaCoversClient(sql`${accessRequests.requesterId}`, sql`${projectDirectory.clientAccountId}`, new Date())}`.mapWith(
            Boolean,
          ),
      })
      .from(accessRequests)
      .innerJoin(users, eq(users.id, accessRequests.requesterId))
      .innerJoin(projectDirectory, eq(projectDirectory.id, accessRequests.projectId))
      .innerJoin(clientAccounts, eq(clientAccounts.id, projectDirectory.clientAccountId))
      .leftJoin(itemDirectory, eq(itemDirectory.id, accessRequests.itemId))
      .leftJoin(decider, eq(decider.id, accessRequests.decidedBy))
      .orderBy(sql`${accessRequests.status} <> 'open'`, desc(accessRequests.createdAt))
      .limit(200);
    return rows.map(({ category, ref, ...r }) => ({
      ...r,
      requesterRole: r.requesterRole,
      item: category && ref !== null ? itemReference(category, ref) : null,
    }));
  });
}
