import 'server-only';
import { and, asc, eq, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { clientAccounts, items, projects } from '@/db/schema';
import {
  can,
  identityVisibleWhere,
  ITEM_CATEGORIES,
  readableItemsWhere,
  visibleProjectsWhere,
  type Actor,
  type ItemCategory,
} from '@/lib/authz';
import type { Page } from '@/lib/list-query';
import type { projectListSchema } from '@/lib/validations/lists';
import type { z } from 'zod';
import { loadProjectFacts } from './facts';
import { keyset, searchWhere, type SortKey } from './list-page';
import { openContent } from '@/lib/crypto/item-content';
import { withActor } from './transaction';

export type ProjectSummary = {
  id: string;
  codename: string;
  /** The real client name, only when the actor may know it. */
  clientName: string | null;
  counterpartyName: string | null;
  status: 'active' | 'closed';
  visibleItemCount: number;
};

const owner = alias(clientAccounts, 'owner');
const counterparty = alias(clientAccounts, 'counterparty');

function summaryColumns(actor: Actor, now: Date) {
  const identity = identityVisibleWhere(actor, now);
  return {
    id: projects.id,
    codename: projects.codename,
    status: projects.status,
    clientName: sql<string | null>`case when ${identity} then ${owner.name} end`,
    // The counterparty brand's name is shown with the client identity: both are who-deals-with-whom.
    counterpartyName: sql<string | null>`case when ${identity} then ${counterparty.name} end`,
    visibleItemCount: sql<number>`(select count(*)::int from ${items} where ${items.projectId} = ${projects.id}
      and ${readableItemsWhere(actor, now)})`,
  };
}

/** The projects the actor may see, filtered by the policy's SQL twin. */
export async function listVisibleProjects(actor: Actor, now = new Date()): Promise<ProjectSummary[]> {
  return withActor(actor, ({ tx }) =>
    tx
      .select(summaryColumns(actor, now))
      .from(projects)
      .innerJoin(owner, eq(owner.id, projects.clientAccountId))
      .leftJoin(counterparty, eq(counterparty.id, projects.counterpartyAccountId))
      .where(visibleProjectsWhere(actor, now))
      .orderBy(asc(projects.codename)),
  );
}

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
