/**
 * The policy's SQL twin: the same rules as `policy.ts`, as WHERE conditions, so that lists are filtered by
 * the database. Each condition expects `projects` (and for items, `items`) in the FROM clause. The policy
 * table test proves the twin and the function agree case by case.
 */
import { sql, type SQL } from 'drizzle-orm';
import { allowlistEntries, clientAccountMembers, items, memberships, ndaSignatures, projects } from '@/db/schema';
import { isAgency } from './policy';
import type { Actor } from './types';

const at = (now: Date) => sql`${now.toISOString()}::timestamptz`;

function activeMembership(actor: Actor, now: Date, extra: SQL = sql`true`): SQL {
  return sql`exists (select 1 from ${memberships} m
    where m.project_id = ${projects.id} and m.user_id = ${actor.id}
      and m.revoked_at is null and (m.expires_at is null or m.expires_at > ${at(now)})
      and ${extra})`;
}

/**
 * A current (not superseded), unexpired NDA of `userId` covers the client account `clientAccountId`: the SQL of
 * the policy's `ndaCovers`, for any query that must say whether a person could be granted a project.
 */
export function ndaCoversClient(userId: SQL | string, clientAccountId: SQL, now: Date): SQL {
  return sql`exists (select 1 from ${ndaSignatures} s
    where s.user_id = ${userId}
      and s.superseded_at is null
      and (s.client_account_id is null or s.client_account_id = ${clientAccountId})
      and (s.expires_at is null or s.expires_at > ${at(now)}))`;
}

const ndaCoversProjectClient = (actor: Actor, now: Date): SQL => ndaCoversClient(actor.id, sql`${projects.clientAccountId}`, now);

function clientMemberOf(actor: Actor, accountColumn: SQL): SQL {
  // The actor's accounts are read once (an init plan), so the account column is an index condition: a
  // client's list reads its own projects instead of testing every project. Never null, like `exists`.
  return sql`(${accountColumn} is not null and ${accountColumn} = any(array(select cm.client_account_id
    from ${clientAccountMembers} cm where cm.user_id = ${actor.id})))`;
}

const ownerMember = (actor: Actor) => clientMemberOf(actor, sql`${projects.clientAccountId}`);
const counterpartyMember = (actor: Actor) => clientMemberOf(actor, sql`${projects.counterpartyAccountId}`);

/** Projects the actor may see (`project.view`). */
export function visibleProjectsWhere(actor: Actor, now: Date = new Date()): SQL {
  if (actor.disabled) return sql`false`;
  if (actor.role === 'client') return sql`(${ownerMember(actor)} or ${counterpartyMember(actor)})`;
  if (!isAgency(actor.role)) return sql`false`;
  return sql`(${activeMembership(actor, now)} and ${ndaCoversProjectClient(actor, now)})`;
}

/** Projects whose real client identity the actor may see (`project.view_identity`). */
export function identityVisibleWhere(actor: Actor, now: Date = new Date()): SQL {
  if (actor.role === 'client') return visibleProjectsWhere(actor, now);
  if (actor.disabled || !isAgency(actor.role)) return sql`false`;
  return sql`(${activeMembership(actor, now, sql`(m.role = 'lead' or 'identity' = any(m.scopes))`)}
    and ${ndaCoversProjectClient(actor, now)})`;
}

/** Items the actor may read (`item.read`). */
export function readableItemsWhere(actor: Actor, now: Date = new Date()): SQL {
  if (actor.disabled) return sql`false`;
  if (actor.role === 'client') {
    return sql`((${ownerMember(actor)} and ${items.category} <> 'communications')
      or (${counterpartyMember(actor)} and ${items.sharedWithCounterparty} and ${items.classification} <> 'high_risk'))`;
  }
  if (!isAgency(actor.role)) return sql`false`;
  return sql`(${activeMembership(actor, now, sql`(m.role = 'lead' or ${items.category}::text = any(m.scopes))`)}
    and ${ndaCoversProjectClient(actor, now)}
    and (${items.classification} <> 'high_risk' or exists (select 1 from ${allowlistEntries} a
      where a.item_id = ${items.id} and a.user_id = ${actor.id} and a.status = 'active'
        and a.revoked_at is null and (a.expires_at is null or a.expires_at > ${at(now)}))))`;
}

/** Events the actor may see (`event.view`); expects `projects` (the event's project) in the FROM clause. */
export function visibleEventsWhere(actor: Actor, now: Date = new Date()): SQL {
  if (actor.disabled) return sql`false`;
  if (actor.role === 'client') return ownerMember(actor);
  if (!isAgency(actor.role)) return sql`false`;
  return sql`(${activeMembership(actor, now, sql`(m.role = 'lead' or 'logistics' = any(m.scopes))`)}
    and ${ndaCoversProjectClient(actor, now)})`;
}

/**
 * Projects whose members the actor may list (`project.members.view`, issue 16): those they lead, on an active lead
 * membership and a valid NDA covering the client. Row-level security lets every active member read the roster
 * (memberships_view, migration 0008); this is the narrower rule the application shows it by.
 */
export function ledProjectsWhere(actor: Actor, now: Date = new Date()): SQL {
  if (actor.disabled || !isAgency(actor.role)) return sql`false`;
  return sql`(${activeMembership(actor, now, sql`m.role = 'lead'`)} and ${ndaCoversProjectClient(actor, now)})`;
}
