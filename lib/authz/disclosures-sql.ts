/**
 * The SQL twin of the disclosure questions of the policy (issue 15 points 1-3), over `disclosures`, as sql.ts is
 * for items: lists are filtered by the database with the same rule `canDisclosure` (policy.ts) applies to one
 * record, and row-level security (disclosures_view) restates it a third time.
 */
import { sql, type SQL } from 'drizzle-orm';
import { clientAccountMembers, disclosures } from '@/db/schema';
import type { Actor } from './types';

const at = (now: Date) => sql`${now.toISOString()}::timestamptz`;

/** The record may be shown to the person it is about: not gagged, or the gag lifted by an admin or by its date. */
export function disclosureNotWithheldWhere(now: Date = new Date()): SQL {
  return sql`(not ${disclosures.gagged} or ${disclosures.gagLiftedAt} is not null
    or (${disclosures.gagUntil} is not null and ${disclosures.gagUntil} <= ${at(now)}))`;
}

/** Records the actor may read (`disclosure.view`): every one for an admin; a client's own, not withheld; else none. */
export function visibleDisclosuresWhere(actor: Actor, now: Date = new Date()): SQL {
  if (actor.disabled) return sql`false`;
  if (actor.role === 'admin') return sql`true`;
  if (actor.role !== 'client') return sql`false`;
  return sql`(${disclosures.clientAccountId} = any(array(select cm.client_account_id from ${clientAccountMembers} cm
    where cm.user_id = ${actor.id})) and ${disclosureNotWithheldWhere(now)})`;
}
