import 'server-only';
import { asc, eq, sql } from 'drizzle-orm';
import { itemDirectory, users } from '@/db/schema';
import type { Actor } from '@/lib/authz';
import { itemReference } from '@/lib/labels';
import { clientLabelSql } from '../clients/client-label-sql';
import { assertAllowed } from '../guard';
import { withActor } from '../transaction';

/** The items (by reference, never by title) and people an admin can ask about on one project. */
export async function listExplainOptions(actor: Actor, projectId: string) {
  assertAllowed(actor, 'access.explain');
  return withActor(actor, async ({ tx }) => {
    const items = await tx
      .select({
        id: itemDirectory.id,
        ref: itemDirectory.ref,
        category: itemDirectory.category,
        classification: itemDirectory.classification,
      })
      .from(itemDirectory)
      .where(eq(itemDirectory.projectId, projectId))
      .orderBy(asc(itemDirectory.ref));
    const people = await tx
      .select({
        id: users.id,
        label: sql<string>`case when ${users.role} = 'client' then ${clientLabelSql(sql`${users.id}`)} else ${users.name} end`,
        role: users.role,
      })
      .from(users)
      .orderBy(asc(users.role), asc(users.name));
    return {
      items: items.map((i) => ({
        id: i.id,
        label: `${itemReference(i.category, i.ref)}${i.classification === 'high_risk' ? ' (high-risk)' : ''}`,
      })),
      people,
    };
  });
}
