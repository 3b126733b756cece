import 'server-only';
import { and, asc, eq } from 'drizzle-orm';
import { items, projects } from '@/db/schema';
import {
  can,
  ITEM_CATEGORIES,
  readableItemsWhere,
  visibleProjectsWhere,
  type Actor,
  type ItemCategory,
} from '@/lib/authz';
import { loadProjectFacts } from '../facts';
import { openContent } from '@/lib/crypto/item-content';
import { withActor } from '../transaction';
import { owner, counterparty, summaryColumns, type ProjectSummary } from './project-summary';

export type ProjectItemSummary = {
  id: string;
  ref: number;
  title: string;
  category: ItemCategory;
  classification: 'confidential' | 'high_risk';
  sharedWithCounterparty: boolean;
  updatedAt: Date;
};

export type ProjectDetail = ProjectSummary & {
  itemsByCategory: { category: ItemCategory; items: ProjectItemSummary[] }[];
  creatableCategories: ItemCategory[];
};

/** One project with its readable items, or null when it does not exist or the actor may not see it. */
export async function getProjectDetail(
  actor: Actor,
  projectId: string,
  now = new Date(),
): Promise<ProjectDetail | null> {
  return withActor(actor, async ({ tx: db }) => {
    const [summary] = await db
      .select(summaryColumns(actor, now))
      .from(projects)
      .innerJoin(owner, eq(owner.id, projects.clientAccountId))
      .leftJoin(counterparty, eq(counterparty.id, projects.counterpartyAccountId))
      .where(and(eq(projects.id, projectId), visibleProjectsWhere(actor, now)));
    if (!summary) return null;

    // One query, filtered by the policy's SQL twin; sealed titles are decrypted below, for these rows only.
    const rows = await db
      .select({
        id: items.id,
        ref: items.ref,
        title: items.title,
        sealed: items.sealed,
        category: items.category,
        classification: items.classification,
        sharedWithCounterparty: items.sharedWithCounterparty,
        updatedAt: items.updatedAt,
      })
      .from(items)
      .innerJoin(projects, eq(projects.id, items.projectId))
      .where(and(eq(items.projectId, projectId), readableItemsWhere(actor, now)))
      .orderBy(asc(items.category), asc(items.ref));
    const visible: ProjectItemSummary[] = rows.map(({ title, sealed, ...row }) => ({
      ...row,
      title: openContent({ id: row.id, title, body: null, sealed }).title,
    }));

    const facts = await loadProjectFacts(db, actor, projectId);
    const creatableCategories = facts
      ? ITEM_CATEGORIES.filter(
          (category) => can(actor, 'item.create', { type: 'new_item', project: facts, category }, now).allowed,
        )
      : [];

    return {
      ...summary,
      itemsByCategory: ITEM_CATEGORIES.map((category) => ({
        category,
        items: visible.filter((i) => i.category === category),
      })).filter((group) => group.items.length > 0),
      creatableCategories,
    };
  });
}
