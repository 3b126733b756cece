import 'server-only';
import { and, eq, sql } from 'drizzle-orm';
import { allowlistEntries, itemDirectory, projectDirectory, users } from '@/db/schema';
import type { Actor, AllowlistFact, ItemFacts } from '@/lib/authz';
import { explainItemRead, type Explanation } from '@/lib/authz/explain';
import { itemReference } from '@/lib/labels';
import type { RequestMeta } from '../audit';
import { clientLabelSql } from '../clients/client-label-sql';
import { loadProjectFacts } from '../facts';
import { assertAllowed } from '../guard';
import { actorById } from '../notifications/recipients';
import { withActor } from '../transaction';

export type AccessExplanation = Explanation & { item: string; person: string };

/**
 * Why one person can or cannot read one item (docs/product.md §4), for an admin: the facts come from the database as
 * the person's own, the answer from `can()`. No content is read: the item is named by category and reference.
 * Asking is audited.
 */
export async function explainAccess(
  actor: Actor,
  input: { itemId: string; userId: string },
  meta: RequestMeta,
  now = new Date(),
): Promise<AccessExplanation | null> {
  assertAllowed(actor, 'access.explain');
  return withActor(
    actor,
    async ({ tx, audit }) => {
      const [item] = await tx
        .select({
          id: itemDirectory.id,
          ref: itemDirectory.ref,
          projectId: itemDirectory.projectId,
          category: itemDirectory.category,
          classification: itemDirectory.classification,
          shared: itemDirectory.sharedWithCounterparty,
          authorId: itemDirectory.authorId,
        })
        .from(itemDirectory)
        .innerJoin(projectDirectory, eq(projectDirectory.id, itemDirectory.projectId))
        .where(eq(itemDirectory.id, input.itemId));
      const person = await actorById(tx, input.userId);
      if (!item || !person) return null;
      const project = await loadProjectFacts(tx, person, item.projectId);
      if (!project) return null;
      const entries = await tx
        .select({
          status: allowlistEntries.status,
          expiresAt: allowlistEntries.expiresAt,
          revokedAt: allowlistEntries.revokedAt,
        })
        .from(allowlistEntries)
        .where(and(eq(allowlistEntries.itemId, item.id), eq(allowlistEntries.userId, person.id)));
      const facts: ItemFacts = {
        id: item.id,
        category: item.category,
        classification: item.classification,
        sharedWithCounterparty: item.shared,
        authorId: item.authorId,
        allowlist: entries.map((e): AllowlistFact => ({
          status: e.status,
          expiresAt: e.expiresAt,
          revokedAt: e.revokedAt,
        })),
      };
      const explanation = explainItemRead(person, project, facts, now);
      const [label] = await tx
        .select({
          label: sql<string>`case when ${users.role} = 'client' then ${clientLabelSql(sql`${users.id}`)} else ${users.name} end`,
        })
        .from(users)
        .where(eq(users.id, person.id));
      audit({
        actorId: actor.id,
        action: 'access.explain',
        targetType: 'item',
        targetId: item.id,
        projectId: item.projectId,
        outcome: 'allowed',
        details: { personId: person.id, answer: explanation.allowed ? 'allowed' : explanation.reason },
        meta,
      });
      return {
        ...explanation,
        item: itemReference(item.category, item.ref),
        person: label?.label ?? 'Unknown account',
      };
    },
    { meta, now },
  );
}
