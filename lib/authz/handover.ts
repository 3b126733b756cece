/**
 * A client's say over their hand-overs (docs/product.md §4, §14): part of the need-to-know policy, with its SQL twin
 * beside it. The database restates it in a trigger on `items` (migration 0022, `items_handover_guard`), and
 * tests/integration/handover-agreement.test.ts checks that the three agree.
 */
import { sql, type SQL } from 'drizzle-orm';
import { clientAccountMembers, items, projects } from '@/db/schema';
import { can } from './policy';
import type { Actor, Classification, DenyReason, ItemFacts, ProjectFacts } from './types';

export type ClassifyChange = { classification: Classification; sharedWithCounterparty: boolean };

/** What an item is before the change, and whether a member of the project's owning client handed it over. */
export type HandoverFacts = Pick<ItemFacts, 'classification' | 'sharedWithCounterparty'> & { handedOver: boolean };

/** The item is a hand-over and the change lowers it from high-risk or newly shares it with the counterparty. */
export function handoverChangeNeedsApproval(item: HandoverFacts, to: ClassifyChange): boolean {
  if (!item.handedOver) return false;
  const lowers = item.classification === 'high_risk' && to.classification !== 'high_risk';
  const shares = to.sharedWithCounterparty && !item.sharedWithCounterparty;
  return lowers || shares;
}

export type ClassifyDecision =
  | { allowed: false; reason: DenyReason }
  /** `needsClientApproval`: the change becomes a pending request the owning client approves or refuses. */
  | { allowed: true; needsClientApproval: boolean };

/** `item.classify` for one concrete change: the lead's, and on a hand-over lowered or shared, the client's too. */
export function decideClassify(
  actor: Actor,
  project: ProjectFacts,
  item: ItemFacts & { handedOver: boolean },
  to: ClassifyChange,
  now: Date = new Date(),
): ClassifyDecision {
  const decision = can(actor, 'item.classify', { type: 'item', project, item }, now);
  if (!decision.allowed) return decision;
  return { allowed: true, needsClientApproval: handoverChangeNeedsApproval(item, to) };
}

/** SQL twin of "handed over": the author is a member of the project's owning client (expects `items`, `projects`). */
export const handedOverSql = (): SQL => sql`exists (select 1 from ${clientAccountMembers} hm
  where hm.client_account_id = ${projects.clientAccountId} and hm.user_id = ${items.authorId})`;

/** SQL twin of `handoverChangeNeedsApproval` for a change to `to`, over `items` joined to `projects`. */
export function handoverChangeNeedsApprovalWhere(to: ClassifyChange): SQL {
  const lowers = to.classification === 'high_risk' ? sql`false` : sql`${items.classification} = 'high_risk'`;
  const shares = to.sharedWithCounterparty ? sql`not ${items.sharedWithCounterparty}` : sql`false`;
  return sql`(${handedOverSql()} and (${lowers} or ${shares}))`;
}
