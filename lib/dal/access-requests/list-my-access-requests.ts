import 'server-only';
import { desc, eq } from 'drizzle-orm';
import { accessRequests, itemDirectory, projectDirectory } from '@/db/schema';
import { type Actor } from '@/lib/authz';
import { itemReference } from '@/lib/labels';
import { withActor } from '../transaction';

/** The requester's own requests (row-level security shows no one else's). */
export async function listMyAccessRequests(actor: Actor) {
  return withActor(actor, async ({ tx }) => {
    const rows = await tx
      .select({
        id: accessRequests.id,
        kind: accessRequests.kind,
        project: projectDirectory.codename,
        category: itemDirectory.category,
        ref: itemDirectory.ref,
        scopes: accessRequests.scopes,
        reason: accessRequests.reason,
        status: accessRequests.status,
        createdAt: accessRequests.createdAt,
        decisionReason: accessRequests.decisionReason,
      })
      .from(accessRequests)
      .innerJoin(projectDirectory, eq(projectDirectory.id, accessRequests.projectId))
      .leftJoin(itemDirectory, eq(itemDirectory.id, accessRequests.itemId))
      .where(eq(accessRequests.requesterId, actor.id))
      .orderBy(desc(accessRequests.createdAt));
    return rows.map(({ category, ref, ...r }) => ({
      ...r,
      item: category && ref !== null ? itemReference(category, ref) : null,
    }));
  });
}
