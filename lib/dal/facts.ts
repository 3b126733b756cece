import 'server-only';
import { sql, type SQL } from 'drizzle-orm';
import { rowsOf, type Executor } from '@/db/client';
import type {
  Actor,
  AllowlistFact,
  Classification,
  ItemCategory,
  ItemFacts,
  MembershipFact,
  NdaFact,
  ProjectFacts,
} from '@/lib/authz';

/*
 * Loads, in one indexed query, exactly the facts the policy needs to decide about one project or item for
 * one actor: the actor's own memberships, NDA signatures and allowlist entries, in any state.
 */

type JsonMembership = { role: 'lead' | 'member'; scopes: string[]; expiresAt: string | null; revokedAt: string | null };
type JsonNda = { clientAccountId: string | null; expiresAt: string | null; superseded: boolean };
type JsonAllow = { status: AllowlistFact['status']; expiresAt: string | null; revokedAt: string | null };

const date = (s: string | null) => (s === null ? null : new Date(s));

const membershipsJson = (actorId: string, projectId: SQL) => sql`(select coalesce(json_agg(json_build_object(
    'role', m.role, 'scopes', m.scopes, 'expiresAt', m.expires_at, 'revokedAt', m.revoked_at)), '[]'::json)
  from memberships m where m.user_id = ${actorId} and m.project_id = ${projectId})`;

const ndasJson = (actorId: string) => sql`(select coalesce(json_agg(json_build_object(
    'clientAccountId', s.client_account_id, 'expiresAt', s.expires_at, 'superseded', s.superseded_at is not null)), '[]'::json)
  from nda_signatures s where s.user_id = ${actorId})`;

const allowlistJson = (actorId: string) => sql`(select coalesce(json_agg(json_build_object(
    'status', a.status, 'expiresAt', a.expires_at, 'revokedAt', a.revoked_at)), '[]'::json)
  from allowlist_entries a where a.item_id = i.id and a.user_id = ${actorId})`;

const parseJson = <T>(value: unknown): T => (typeof value === 'string' ? JSON.parse(value) : value) as T;

function toProjectFacts(row: ProjectRow): ProjectFacts {
  return {
    id: row.project_id,
    clientAccountId: row.client_account_id,
    counterpartyAccountId: row.counterparty_account_id,
    memberships: parseJson<JsonMembership[]>(row.memberships).map((m): MembershipFact => ({
      role: m.role,
      scopes: m.scopes ?? [],
      expiresAt: date(m.expiresAt),
      revokedAt: date(m.revokedAt),
    })),
    ndas: parseJson<JsonNda[]>(row.ndas).map((n): NdaFact => ({
      clientAccountId: n.clientAccountId,
      expiresAt: date(n.expiresAt),
      superseded: n.superseded,
    })),
  };
}

type ProjectRow = {
  project_id: string;
  client_account_id: string;
  counterparty_account_id: string | null;
  memberships: unknown;
  ndas: unknown;
};

export async function loadProjectFacts(db: Executor, actor: Actor, projectId: string): Promise<ProjectFacts | null> {
  const result = await db.execute(sql`select p.id as project_id, p.client_account_id, p.counterparty_account_id,
      ${membershipsJson(actor.id, sql`p.id`)} as memberships, ${ndasJson(actor.id)} as ndas
    from project_directory p where p.id = ${projectId}`);
  const row = rowsOf<ProjectRow>(result)[0];
  return row ? toProjectFacts(row) : null;
}

export type ItemRow = ProjectRow & {
  id: string;
  ref: number;
  category: ItemCategory;
  classification: Classification;
  shared_with_counterparty: boolean;
  author_id: string;
  /** False when row-level security hides the content row: the database disagrees with the policy, so deny. */
  content_visible: boolean;
  /** Plaintext content, or null when sealed (see item-content.ts) or hidden. */
  title: string | null;
  body: string | null;
  sealed: unknown;
  has_secret: boolean;
  created_at: string | Date;
  updated_at: string | Date;
  allowlist: unknown;
  /** For the item page, read in the same query: the project's codename, its client's real name (shown only
   * with the identity scope) and the author's name. */
  codename: string;
  client_name: string;
  author_name: string;
};

/** The item with its content and the actor's facts; the content must not leave the DAL unless the policy allows. */
export async function loadItemWithFacts(
  db: Executor,
  actor: Actor,
  itemId: string,
): Promise<{ row: ItemRow; project: ProjectFacts; item: ItemFacts } | null> {
  // Metadata comes from the directory views; the content row is joined under row-level security. The project
  // is joined on the item's project id as a value (an init plan): the directory views are security barriers,
  // so a join clause between the two would not reach projects' primary key and would scan every project.
  const result = await db.execute(sql`select i.id, i.ref, i.category, i.classification, i.shared_with_counterparty,
      i.author_id, c.id is not null as content_visible, c.title, c.body, c.sealed,
      c.secret_sealed is not null as has_secret, c.created_at, c.updated_at,
      p.id as project_id, p.client_account_id, p.counterparty_account_id, p.codename,
      (select ca.name from client_accounts ca where ca.id = p.client_account_id) as client_name,
      (select u.name from users u where u.id = i.author_id) as author_name,
      ${membershipsJson(actor.id, sql`p.id`)} as memberships, ${ndasJson(actor.id)} as ndas,
      ${allowlistJson(actor.id)} as allowlist
    from item_directory i
      join project_directory p on p.id = (select d.project_id from item_directory d where d.id = ${itemId})
      left join items c on c.id = i.id
    where i.id = ${itemId}`);
  const row = rowsOf<ItemRow>(result)[0];
  if (!row) return null;
  const item: ItemFacts = {
    id: row.id,
    category: row.category,
    classification: row.classification,
    sharedWithCounterparty: row.shared_with_counterparty,
    authorId: row.author_id,
    allowlist: parseJson<JsonAllow[]>(row.allowlist).map((a): AllowlistFact => ({
      status: a.status,
      expiresAt: date(a.expiresAt),
      revokedAt: date(a.revokedAt),
    })),
  };
  return { row, project: toProjectFacts(row), item };
}
