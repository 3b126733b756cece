/**
 * The policy's SQL twin: the same rules as `policy.ts`, as WHERE conditions, so that lists are filtered by
 * the database. Each condition expects `projects` (and for items, `items`) in the FROM clause. The policy
 * table test proves the twin and the function agree case by case.
 *
 * The rules' text is lib/authz/predicates.ts, shared with the row-level security policies of db/schema: here
 * only the actor's role chooses which rule applies, and the actor and time are given.
 */
import { sql, type SQL } from 'drizzle-orm';
import { isAgency } from './policy';
import {
  activeMembership as membershipOf,
  agencyItemGrant,
  agencySeesProject,
  clientOwnsProject,
  clientReadsItem,
  clientSeesProject,
  membershipSeesEvents,
  membershipSeesIdentity,
  ndaCovers,
  type Viewer,
} from './predicates';
import type { Actor } from './types';

const viewer = (userId: SQL | string, now: Date): Viewer => ({
  user: typeof userId === 'string' ? sql`${userId}` : userId,
  now: sql`${now.toISOString()}::timestamptz`,
});
const as = (actor: Actor, now: Date): Viewer => viewer(actor.id, now);

/**
 * A current (not superseded), unexpired NDA of `userId` covers the client account `clientAccountId`: the SQL of
 * the policy's `ndaCovers`, for any query that must say whether a person could be granted a project.
 */
export function ndaCoversClient(userId: SQL | string, clientAccountId: SQL, now: Date): SQL {
  return ndaCovers(viewer(userId, now), clientAccountId);
}

const ndaCoversProjectClient = (actor: Actor, now: Date): SQL =>
  ndaCovers(as(actor, now), sql`projects.client_account_id`);

/** The actor's active membership of the project in scope, with `extra` on it (`m`). */
const activeMembership = (actor: Actor, now: Date, extra?: SQL): SQL =>
  membershipOf(as(actor, now), sql`projects.id`, extra);

/** Projects the actor may see (`project.view`). */
export function visibleProjectsWhere(actor: Actor, now: Date = new Date()): SQL {
  if (actor.disabled) return sql`false`;
  if (actor.role === 'client') return clientSeesProject(as(actor, now));
  if (!isAgency(actor.role)) return sql`false`;
  return agencySeesProject(as(actor, now));
}

/** Projects whose real client identity the actor may see (`project.view_identity`). */
export function identityVisibleWhere(actor: Actor, now: Date = new Date()): SQL {
  if (actor.role === 'client') return visibleProjectsWhere(actor, now);
  if (actor.disabled || !isAgency(actor.role)) return sql`false`;
  return sql`(${activeMembership(actor, now, membershipSeesIdentity)}
    and ${ndaCoversProjectClient(actor, now)})`;
}

/** Items the actor may read (`item.read`). */
export function readableItemsWhere(actor: Actor, now: Date = new Date()): SQL {
  if (actor.disabled) return sql`false`;
  if (actor.role === 'client') return clientReadsItem(as(actor, now));
  if (!isAgency(actor.role)) return sql`false`;
  return sql`(${agencyItemGrant(as(actor, now))} and ${ndaCoversProjectClient(actor, now)})`;
}

/** Events the actor may see (`event.view`); expects `projects` (the event's project) in the FROM clause. */
export function visibleEventsWhere(actor: Actor, now: Date = new Date()): SQL {
  if (actor.disabled) return sql`false`;
  if (actor.role === 'client') return clientOwnsProject(as(actor, now));
  if (!isAgency(actor.role)) return sql`false`;
  return sql`(${activeMembership(actor, now, membershipSeesEvents)}
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
