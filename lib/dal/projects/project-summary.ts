import 'server-only';
import { sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { clientAccounts, items, projects } from '@/db/schema';
import { identityVisibleWhere, readableItemsWhere, type Actor } from '@/lib/authz';

export type ProjectSummary = {
  id: string;
  codename: string;
  /** The real client name, only when the actor may know it. */
  clientName: string | null;
  counterpartyName: string | null;
  status: 'active' | 'closed';
  visibleItemCount: number;
};

/** The owning client account and the counterparty brand, joined under these names. */
export const owner = alias(clientAccounts, 'owner');

export const counterparty = alias(clientAccounts, 'counterparty');

export function summaryColumns(actor: Actor, now: Date) {
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
