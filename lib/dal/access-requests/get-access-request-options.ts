import 'server-only';
import { and, asc, eq, sql } from 'drizzle-orm';
import { itemDirectory, projectDirectory } from '@/db/schema';
import { ndaCoversClient, type Actor } from '@/lib/authz';
import { itemReference } from '@/lib/labels';
import { withActor } from '../transaction';

/**
 * What an agency person can ask for: membership of a project whose client an NDA of theirs covers (by codename), and
 * the high-risk items of their own projects, in their scopes, that they are not on the allowlist of (by reference,
 * never by title).
 */
export async function getAccessRequestOptions(actor: Actor, now = new Date()) {
  return withActor(actor, async ({ tx }) => {
    const at = sql`${now.toISOString()}::timestamptz`;
    // Only projects whose client an NDA of theirs covers: without one, no access can be granted (docs/product.md §4).
    const projects = await tx
      .select({ id: projectDirectory.id, codename: projectDirectory.codename })
      .from(projectDirectory)
      .where(ndaCoversClient(actor.id, sql`${projectDirectory.clientAccountId}`, now))
      .orderBy(asc(projectDirectory.codename));
    const items = await tx
      .select({
        id: itemDirectory.id,
        ref: itemDirectory.ref,
        category: itemDirectory.category,
        project: projectDirectory.codename,
      })
      .from(itemDirectory)
      .innerJoin(projectDirectory, eq(projectDirectory.id, itemDirectory.projectId))
      .where(
        and(
          eq(itemDirectory.classification, 'high_risk'),
          sql`exists (select 1 from memberships m where m.project_id = ${itemDirectory.projectId} and m.user_id = ${actor.id}
            and m.revoked_at is null and (m.expires_at is null or m.expires_at > ${at})
            and (m.role = 'lead' or ${itemDirectory.category}::text = any(m.scopes)))`,
          sql`not exists (select 1 from allowlist_entries a where a.item_id = ${itemDirectory.id} and a.user_id = ${actor.id}
            and a.status = 'active' and a.revoked_at is null and (a.expires_at is null or a.expires_at > ${at}))`,
        ),
      )
      .orderBy(asc(projectDirectory.codename), asc(itemDirectory.ref));
    return {
      projects,
      items: items.map((i) => ({
        id: i.id,
        label: `${i.project}: ${itemReference(i.category, i.ref)}`,
      })),
    };
  });
}
