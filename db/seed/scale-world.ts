import 'server-only';
import { sql } from 'drizzle-orm';
import type { Db } from '../client';
import { ITEM_CATEGORIES, SCOPES, type ItemCategory, type UserRole } from '@/lib/authz/types';
import { contentColumns, mustSeal } from '@/lib/crypto/item-content';

/*
 * A synthetic world at scale for the benchmark (`npm run bench`) and the query-plan test: users, client
 * accounts, projects, items of every category and classification, memberships (leads, scoped members,
 * revoked and expired grants), NDAs, high-risk allowlists and audit events. Deterministic for a given seed
 * (ids, shapes and choices; sealed content uses fresh IVs), inserted in big batches: each batch is one
 * `INSERT … SELECT FROM json_populate_recordset(…)` statement, so both drivers take the same path.
 * Audit events go through the chain trigger like any other insert.
 *
 * Several worlds can share one database (`world` 0, 1, 2…): names, emails and codenames are prefixed by
 * the world, and a world's users only ever have grants in their own world, so growing a database by adding
 * worlds leaves what the first world's users can see unchanged while the tables grow.
 */

export type ScaleCounts = {
  users: number;
  clientAccounts: number;
  projects: number;
  items: number;
  memberships: number;
  allowlistEntries: number;
  auditEvents: number;
};

/** docs/product.md §8's scale: at least 100,000 items, 20,000 memberships and 1,000 users. */
export const BASE_COUNTS: ScaleCounts = {
  users: 1_000,
  clientAccounts: 200,
  projects: 5_000,
  items: 100_000,
  memberships: 20_000,
  allowlistEntries: 5_000,
  auditEvents: 20_000,
};

export function countsFor(scale: number): ScaleCounts {
  const entries = Object.entries(BASE_COUNTS).map(([key, n]) => [key, Math.max(1, Math.round(n * scale))]);
  return Object.fromEntries(entries) as ScaleCounts;
}

export type ScaleUser = { id: string; role: UserRole; disabled: boolean; clientAccountIds: string[] };
export type ScaleMembership = { userId: string; projectId: string; active: boolean };
export type ScaleItem = { id: string; projectId: string; category: ItemCategory; highRisk: boolean; authorId: string };

/** What the benchmark samples from: ids and shapes, no content. */
export type ScaleWorld = {
  world: number;
  counts: ScaleCounts;
  users: ScaleUser[];
  projectIds: string[];
  /** The owning client account of each project (same order as projectIds). */
  projectClientIds: string[];
  items: ScaleItem[];
  memberships: ScaleMembership[];
  seconds: number;
};

/** mulberry32: a small, fast, seedable PRNG (reproducible worlds). */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(list: readonly T[]): T => list[int(list.length)]!;
  const uuid = () => {
    const hex: string[] = [];
    for (let i = 0; i < 4; i++) hex.push((Math.floor(next() * 4294967296) >>> 0).toString(16).padStart(8, '0'));
    const h = hex.join('');
    const variant = ((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16);
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
  };
  return { next, int, pick, uuid, chance: (p: number) => next() < p };
}

const DAY = 86_400_000;
const BATCH_ROWS = 5_000;

/** Inserts rows in batches of one statement each: `INSERT INTO t (cols) SELECT cols FROM json_populate_recordset`. */
export async function bulkInsert(
  db: Db,
  table: string,
  rows: Record<string, unknown>[],
  batch = BATCH_ROWS,
): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0]!);
  const list = columns.map((c) => `"${c}"`).join(', ');
  // One transaction for all the batches: one commit (one WAL flush) per call, not per batch.
  await db.transaction(async (tx) => {
    for (let start = 0; start < rows.length; start += batch) {
      const json = JSON.stringify(rows.slice(start, start + batch));
      await tx.execute(
        sql`insert into ${sql.identifier(table)} (${sql.raw(list)}) select ${sql.raw(list)} from json_populate_recordset(null::${sql.identifier(table)}, ${json}::json)`,
      );
    }
  });
}

const LOREM =
  'Confidential working notes for the engagement: schedule, terms, contacts and open questions, kept to the people who need them.';

export async function seedScaleWorld(
  db: Db,
  options: {
    scale?: number;
    counts?: ScaleCounts;
    world?: number;
    seed?: number;
    now?: Date;
    log?: (line: string) => void;
  } = {},
): Promise<ScaleWorld> {
  const started = performance.now();
  const world = options.world ?? 0;
  const counts = options.counts ?? countsFor(options.scale ?? 1);
  const rnd = prng((options.seed ?? 20_260_101) + world * 7919);
  const now = options.now ?? new Date();
  const iso = (offsetMs: number) => new Date(now.getTime() + offsetMs).toISOString();
  const log = options.log ?? (() => {});
  const w = `w${world}`;

  // NDA texts: one for staff, one for contractors.
  const ndaStaff = rnd.uuid();
  const ndaContractor = rnd.uuid();
  await bulkInsert(db, 'nda_versions', [
    { id: ndaStaff, title: `Bench staff NDA ${w}`, version: 1, body: 'Bench staff NDA', body_sha256: '0'.repeat(64) },
    {
      id: ndaContractor,
      title: `Bench contractor NDA ${w}`,
      version: 1,
      body: 'Bench contractor NDA',
      body_sha256: '1'.repeat(64),
    },
  ]);

  // Users: about 1% admins, 70% staff, 10% contractors, the rest client users.
  const users: ScaleUser[] = [];
  const userRows = [];
  for (let i = 0; i < counts.users; i++) {
    const r = i / counts.users;
    const role: UserRole = r < 0.01 ? 'admin' : r < 0.71 ? 'staff' : r < 0.81 ? 'contractor' : 'client';
    const id = rnd.uuid();
    const disabled = rnd.chance(0.01);
    users.push({ id, role, disabled, clientAccountIds: [] });
    userRows.push({
      id,
      email: `u${i}.${w}@bench.test`,
      name: `Bench ${role} ${world}-${i}`,
      role,
      disabled_at: disabled ? iso(-30 * DAY) : null,
    });
  }
  await bulkInsert(db, 'users', userRows);
  const agency = users.filter((u) => u.role !== 'client');
  const staff = users.filter((u) => u.role === 'staff');
  const clientUsers = users.filter((u) => u.role === 'client');

  // Client accounts: 60% talent, 40% brands; client users spread over them.
  const talents: string[] = [];
  const brands: string[] = [];
  const accountRows = [];
  for (let i = 0; i < counts.clientAccounts; i++) {
    const id = rnd.uuid();
    const kind = i < Math.ceil(counts.clientAccounts * 0.6) ? 'talent' : 'brand';
    (kind === 'talent' ? talents : brands).push(id);
    accountRows.push({
      id,
      kind,
      name: `Client ${world}-${i}`,
      codename: `CA-${world}-${i}`,
      zero_public_association: rnd.chance(0.1),
    });
  }
  if (brands.length === 0) brands.push(talents[talents.length - 1]!);
  await bulkInsert(db, 'client_accounts', accountRows);
  const accounts = [...talents, ...brands];
  const accountMemberRows = clientUsers.map((u, i) => {
    const account = accounts[i % accounts.length]!;
    u.clientAccountIds.push(account);
    return { user_id: u.id, client_account_id: account };
  });
  await bulkInsert(db, 'client_account_members', accountMemberRows);

  // Projects: owned by a talent, half of them with a brand on the other side.
  const projectIds: string[] = [];
  const projectClient: string[] = [];
  const projectRows = [];
  for (let i = 0; i < counts.projects; i++) {
    const id = rnd.uuid();
    const client = rnd.pick(talents);
    projectIds.push(id);
    projectClient.push(client);
    projectRows.push({
      id,
      codename: `P-${world}-${i}`,
      client_account_id: client,
      counterparty_account_id: rnd.chance(0.5) ? rnd.pick(brands) : null,
      status: rnd.chance(0.9) ? 'active' : 'closed',
    });
  }
  await bulkInsert(db, 'projects', projectRows);

  // Memberships: one lead per project first (while there are grants to give), then scoped members.
  const memberships: ScaleMembership[] = [];
  const membershipRows = [];
  const membersOf = new Map<number, string[]>();
  const contractorClients = new Map<string, Set<string>>();
  for (let i = 0; i < counts.memberships; i++) {
    const projectIndex = i < counts.projects ? i : rnd.int(counts.projects);
    const lead = i < counts.projects;
    const user = lead ? rnd.pick(staff.length > 0 ? staff : agency) : rnd.pick(agency);
    const contractor = user.role === 'contractor';
    const revoked = rnd.chance(0.03);
    const expired = !revoked && rnd.chance(0.03);
    const expiresAt = expired ? iso(-DAY * (1 + rnd.int(60))) : contractor ? iso(DAY * (30 + rnd.int(300))) : null;
    const scopes = lead ? [] : SCOPES.filter(() => rnd.chance(0.35));
    if (!lead && scopes.length === 0) scopes.push(rnd.pick(ITEM_CATEGORIES));
    const projectId = projectIds[projectIndex]!;
    membershipRows.push({
      id: rnd.uuid(),
      user_id: user.id,
      project_id: projectId,
      role: lead ? 'lead' : 'member',
      scopes,
      granted_at: iso(-DAY * (60 + rnd.int(300))),
      expires_at: expiresAt,
      revoked_at: revoked ? iso(-DAY * rnd.int(30)) : null,
    });
    memberships.push({ userId: user.id, projectId, active: !revoked && !expired });
    if (!revoked && !expired) membersOf.set(projectIndex, [...(membersOf.get(projectIndex) ?? []), user.id]);
    if (contractor) {
      const set = contractorClients.get(user.id) ?? new Set<string>();
      set.add(projectClient[projectIndex]!);
      contractorClients.set(user.id, set);
    }
  }

  // NDAs: staff and admins sign the all-clients agreement, contractors one per client they work for; a few
  // have none and a few have let theirs expire (their grants then give no access).
  const ndaRows = [];
  for (const user of agency) {
    if (rnd.chance(0.03)) continue;
    const expires = rnd.chance(0.03) ? iso(-DAY * (1 + rnd.int(90))) : null;
    if (user.role === 'contractor') {
      for (const client of contractorClients.get(user.id) ?? []) {
        ndaRows.push({
          id: rnd.uuid(),
          user_id: user.id,
          nda_version_id: ndaContractor,
          client_account_id: client,
          signed_at: iso(-DAY * 400),
          expires_at: expires,
        });
      }
    } else {
      ndaRows.push({
        id: rnd.uuid(),
        user_id: user.id,
        nda_version_id: ndaStaff,
        client_account_id: null,
        signed_at: iso(-DAY * 400),
        expires_at: expires,
      });
    }
  }
  await bulkInsert(db, 'nda_signatures', ndaRows);
  await bulkInsert(db, 'memberships', membershipRows);
  log(
    `  world ${world}: ${users.length} users, ${accounts.length} client accounts, ${projectIds.length} projects, ${membershipRows.length} memberships, ${ndaRows.length} NDA signatures`,
  );

  // Items: spread evenly over the projects; every category; credentials and ~10% of the rest high-risk
  // (sealed, as the app stores them); ~30% of the rest shared with the counterparty.
  const items: ScaleItem[] = [];
  let itemRows: Record<string, unknown>[] = [];
  const flushItems = async () => {
    await bulkInsert(db, 'items', itemRows, 2_500);
    itemRows = [];
  };
  for (let j = 0; j < counts.items; j++) {
    const projectIndex = Math.floor((j * counts.projects) / counts.items);
    const category = rnd.pick(ITEM_CATEGORIES);
    const highRisk = category === 'credentials' || rnd.chance(0.1);
    const members = membersOf.get(projectIndex);
    const authorId = members && members.length > 0 ? rnd.pick(members) : rnd.pick(staff.length > 0 ? staff : agency).id;
    const id = rnd.uuid();
    const title = `Item ${world}-${j} ${category}`;
    const content = contentColumns(
      id,
      { title, body: `${title}. ${LOREM}` },
      mustSeal(category, highRisk ? 'high_risk' : 'confidential'),
    );
    const at = iso(-DAY * rnd.int(365));
    items.push({ id, projectId: projectIds[projectIndex]!, category, highRisk, authorId });
    itemRows.push({
      id,
      project_id: projectIds[projectIndex],
      category,
      classification: highRisk ? 'high_risk' : 'confidential',
      shared_with_counterparty: !highRisk && rnd.chance(0.3),
      title: content.title,
      body: content.body,
      sealed: content.sealed,
      secret_sealed: null,
      key_id: content.keyId,
      author_id: authorId,
      created_at: at,
      updated_at: at,
    });
    if (itemRows.length >= 25_000) await flushItems();
  }
  await flushItems();
  log(`  world ${world}: ${items.length} items (${items.filter((i) => i.highRisk).length} high-risk, sealed)`);

  // Allowlists: high-risk items, each entry for an active member of the item's project when there is one.
  const highRisk = items.filter((i) => i.highRisk);
  const projectIndexOf = new Map(projectIds.map((id, index) => [id, index]));
  const allowRows = [];
  const allowSeen = new Set<string>();
  for (
    let attempt = 0;
    allowRows.length < counts.allowlistEntries && highRisk.length > 0 && attempt < counts.allowlistEntries * 4;
    attempt++
  ) {
    const item = rnd.pick(highRisk);
    const members = membersOf.get(projectIndexOf.get(item.projectId)!);
    const userId = members && members.length > 0 ? rnd.pick(members) : rnd.pick(agency).id;
    const key = `${item.id}:${userId}`;
    if (allowSeen.has(key)) continue;
    allowSeen.add(key);
    allowRows.push({
      id: rnd.uuid(),
      user_id: userId,
      item_id: item.id,
      reason: 'Needs it for the engagement',
      granted_at: iso(-DAY * rnd.int(200)),
      expires_at: rnd.chance(0.2) ? iso(DAY * (1 + rnd.int(90))) : null,
      revoked_at: rnd.chance(0.03) ? iso(-DAY * rnd.int(30)) : null,
    });
  }
  await bulkInsert(db, 'allowlist_entries', allowRows);

  // Audit events: through the chain trigger (each row gets its seq and hash), oldest first.
  const auditRows = [];
  for (let e = 0; e < counts.auditEvents; e++) {
    const item = rnd.pick(items);
    const allowed = rnd.chance(0.8);
    auditRows.push({
      at: iso(-DAY * 365 + Math.floor((e / counts.auditEvents) * DAY * 365)),
      actor_id: rnd.pick(users).id,
      action: 'item.read',
      target_type: 'item',
      target_id: item.id,
      project_id: item.projectId,
      outcome: allowed ? 'allowed' : 'denied',
      reason: allowed ? null : 'not_member',
      ip: '203.0.113.7',
      user_agent: 'bench-seed',
    });
  }
  await bulkInsert(db, 'audit_events', auditRows, 5_000);
  log(`  world ${world}: ${allowRows.length} allowlist entries, ${auditRows.length} audit events`);

  return {
    world,
    counts,
    users,
    projectIds,
    projectClientIds: projectClient,
    items,
    memberships,
    seconds: (performance.now() - started) / 1000,
  };
}
