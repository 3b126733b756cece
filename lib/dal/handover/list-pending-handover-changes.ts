import 'server-only';
import { and, asc, eq, inArray } from 'drizzle-orm';
import { handoverChangeRequests, itemDirectory, projectDirectory, users } from '@/db/schema';
import { type Actor } from '@/lib/authz';
import { itemReference } from '@/lib/labels';
import { describeChange } from '../items/describe-change';
import { withActor } from '../transaction';

export type PendingHandoverChange = {
  id: string;
  projectId: string;
  project: string;
  itemId: string;
  item: string;
  requestedBy: string;
  change: string;
  requestedAt: Date;
};

/** Changes to the actor's hand-overs waiting for their approval: on projects their client accounts own. */
export async function listPendingHandoverChanges(actor: Actor): Promise<PendingHandoverChange[]> {
  if (actor.role !== 'client' || actor.disabled || actor.clientAccountIds.length === 0) return [];
  const rows = await withActor(actor, ({ tx }) =>
    tx
      .select({
        id: handoverChangeRequests.id,
        projectId: projectDirectory.id,
        project: projectDirectory.codename,
        itemId: itemDirectory.id,
        category: itemDirectory.category,
        ref: itemDirectory.ref,
        fromClassification: itemDirectory.classification,
        fromShared: itemDirectory.sharedWithCounterparty,
        classification: handoverChangeRequests.classification,
        sharedWithCounterparty: handoverChangeRequests.sharedWithCounterparty,
        requestedBy: users.name,
        requestedAt: handoverChangeRequests.createdAt,
      })
      .from(handoverChangeRequests)
      .innerJoin(itemDirectory, eq(itemDirectory.id, handoverChangeRequests.itemId))
      .innerJoin(projectDirectory, eq(projectDirectory.id, handoverChangeRequests.projectId))
      .innerJoin(users, eq(users.id, handoverChangeRequests.requestedBy))
      .where(
        and(
          eq(handoverChangeRequests.status, 'pending'),
          inArray(projectDirectory.clientAccountId, [...actor.clientAccountIds]),
        ),
      )
      .orderBy(asc(handoverChangeRequests.createdAt)),
  );
  return rows.map((r) => ({
    id: r.id,
    projectId: r.projectId,
    project: r.project,
    itemId: r.itemId,
    item: itemReference(r.category, r.ref),
    requestedBy: r.requestedBy,
    change: describeChange(
      { classification: r.fromClassification, sharedWithCounterparty: r.fromShared },
      { classification: r.classification, sharedWithCounterparty: r.sharedWithCounterparty },
    ),
    requestedAt: r.requestedAt,
  }));
}
