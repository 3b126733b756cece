/**
 * The read rules' SQL, written once (issue 11 point 6). Each predicate below is the text of one rule; the
 * row-level security policies declared with the tables (db/schema, pgPolicy) and the policy's SQL twin
 * (lib/authz/sql.ts) both build on them, so changing a token here changes both, and drizzle-kit writes the
 * ALTER POLICY. The agreement tests (tests/integration/policy-sql-agreement.test.ts) prove twin, policy and
 * database answer alike.
 *
 * Dependency-free (drizzle-orm's `sql` only), so db/schema can import it. Predicates name the tables as the
 * queries do: `projects` and, for items, `items` must be in scope (the policy's own table, a FROM of the
 * query, or the subquery a policy opens). Who asks is a `Viewer`: in a policy, the acting user of the
 * transaction (`SESSION`); in the twin, a given user at a given time. No predicate carries a bound parameter
 * (a policy's text cannot), so a twin's values arrive only through the viewer.
 */
import { sql, type SQL } from 'drizzle-orm';

/** Who asks, and when. */
export type Viewer = { user: SQL; now: SQL };

/** The acting user of the transaction (app.user_id, lib/dal/transaction.ts), now: what a policy checks. */
export const SESSION: Viewer = { user: sql`(select app_user_id())`, now: sql`now()` };

/** The acting user's role in a policy (null for nobody, or a disabled account). */
export const sessionRoleIsAgency = sql`(select app_user_role()) in ('admin', 'staff', 'contractor')`;
export const sessionRoleIsClient = sql`(select app_user_role()) = 'client'`;

/** The viewer's active (not revoked, not expired) membership of `project`, with `extra` on it (`m`). */
export function activeMembership(viewer: Viewer, project: SQL, extra?: SQL): SQL {
  return sql`exists (select 1 from memberships m
    where m.project_id = ${project} and m.user_id = ${viewer.user}
      and m.revoked_at is null and (m.expires_at is null or m.expires_at > ${viewer.now})${extra ? sql` and ${extra}` : sql``})`;
}

/** On a membership `m`: it covers the item category `category` (a lead holds every scope). */
export const membershipCovers = (category: SQL): SQL => sql`(m.role = 'lead' or ${category}::text = any(m.scopes))`;

/** On a membership `m`: it covers the real client identity of the project. */
export const membershipSeesIdentity = sql`(m.role = 'lead' or 'identity' = any(m.scopes))`;

/** On a membership `m`: it covers the project's events (logistics). */
export const membershipSeesEvents = sql`(m.role = 'lead' or 'logistics' = any(m.scopes))`;

/** A current (not superseded), unexpired NDA of the viewer covers the client account `clientAccount`. */
export function ndaCovers(viewer: Viewer, clientAccount: SQL): SQL {
  return sql`exists (select 1 from nda_signatures s
    where s.user_id = ${viewer.user}
      and s.superseded_at is null
      and (s.client_account_id is null or s.client_account_id = ${clientAccount})
      and (s.expires_at is null or s.expires_at > ${viewer.now}))`;
}

/**
 * The viewer belongs to the client account `account`. The viewer's accounts are read once (an init plan), so
 * the account column is an index condition: a client's list reads its own projects instead of testing every
 * project. Never null, like `exists`.
 */
export function clientMemberOf(viewer: Viewer, account: SQL): SQL {
  return sql`(${account} is not null and ${account} = any(array(select cm.client_account_id
    from client_account_members cm where cm.user_id = ${viewer.user})))`;
}

/** The viewer holds an active, unrevoked, unexpired allowlist entry for the item `item`. */
export function activeAllowlist(viewer: Viewer, item: SQL): SQL {
  return sql`exists (select 1 from allowlist_entries a
    where a.item_id = ${item} and a.user_id = ${viewer.user} and a.status = 'active'
      and a.revoked_at is null and (a.expires_at is null or a.expires_at > ${viewer.now}))`;
}

// Project rules (`projects` in scope).

/** An agency person sees the project: an active membership and an NDA covering its client (`project.view`). */
export const agencySeesProject = (viewer: Viewer): SQL =>
  sql`(${activeMembership(viewer, sql`projects.id`)} and ${ndaCovers(viewer, sql`projects.client_account_id`)})`;

/** A client user sees the project: a member of its owning or counterparty account (`project.view`). */
export const clientSeesProject = (viewer: Viewer): SQL =>
  sql`(${clientMemberOf(viewer, sql`projects.client_account_id`)} or ${clientMemberOf(viewer, sql`projects.counterparty_account_id`)})`;

/** A client user belongs to the project's owning account. */
export const clientOwnsProject = (viewer: Viewer): SQL => clientMemberOf(viewer, sql`projects.client_account_id`);

// Item rules (`projects` and `items` in scope). The NDA is the project's rule: the twin adds `ndaCovers`,
// and a policy reads `projects` under its own policy, which demands it.

/**
 * An agency person's grant to read the item: a membership whose scope covers its category, and for a high-risk
 * item an active allowlist entry (`item.read`, with the project's NDA).
 */
export const agencyItemGrant = (viewer: Viewer): SQL =>
  sql`(${activeMembership(viewer, sql`projects.id`, membershipCovers(sql`items.category`))}
    and (items.classification <> 'high_risk' or ${activeAllowlist(viewer, sql`items.id`)}))`;

/**
 * A client user reads the item: its owning client, anything but communications; the counterparty, what is
 * shared with it and not high-risk (`item.read`).
 */
export const clientReadsItem = (viewer: Viewer): SQL =>
  sql`((${clientMemberOf(viewer, sql`projects.client_account_id`)} and items.category <> 'communications')
    or (${clientMemberOf(viewer, sql`projects.counterparty_account_id`)} and items.shared_with_counterparty and items.classification <> 'high_risk'))`;

// The policies' compositions: the acting user's role decides which rule applies.

/** `projects_view`: the acting user sees the project. */
export const sessionSeesProject: SQL = sql`(${sessionRoleIsAgency} and ${agencySeesProject(SESSION)})
  or (${sessionRoleIsClient} and ${clientSeesProject(SESSION)})`;

/** `items_read`: the acting user reads the item (the project read under its own policy). */
export const sessionReadsItem: SQL = sql`exists (select 1 from projects where projects.id = items.project_id and (
    (${sessionRoleIsAgency} and ${agencyItemGrant(SESSION)})
    or (${sessionRoleIsClient} and ${clientReadsItem(SESSION)})))`;
