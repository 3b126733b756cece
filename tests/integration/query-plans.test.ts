/**
 * docs/product.md §8: the access check and the scoped lists are indexed queries, whatever the size of the tables. Over
 * a synthetic world big enough for the planner to prefer indexes (and ANALYZEd), the SQL the data-access layer
 * really issues for the check, the audited read and the lists is captured and EXPLAINed again as the
 * application role with the same acting user (so row-level security's quals are in the plan); no plan may
 * scan a large table sequentially. The timings themselves are `npm run bench`'s business, not a test's.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useDatabase } from '@/db/client';
import { seedScaleWorld, type ScaleCounts, type ScaleUser, type ScaleWorld } from '@/db/seed/scale-world';
import { can, type Actor } from '@/lib/authz';
import { listAccessHistory } from '@/lib/dal/audit/list-access-history';
import { loadItemWithFacts } from '@/lib/dal/facts';
import { readItem } from '@/lib/dal/items/read-item';
import { getProjectDetail } from '@/lib/dal/projects/get-project-detail';
import { listVisibleProjects } from '@/lib/dal/projects/list-visible-projects';
import { withActor } from '@/lib/dal/transaction';
import { meta } from '../helpers/actors';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { explainAs, loggingTwin, outline, plannable, fullScansOn, type CapturedQuery } from '../helpers/plans';

/** The tables that grow with the business: a sequential scan of any of them makes a check or list grow too. */
const LARGE_TABLES = ['items', 'memberships', 'allowlist_entries', 'projects'];

/** A few thousand rows per large table: enough for the planner to prefer an index when one fits. */
const COUNTS: ScaleCounts = {
  users: 150,
  clientAccounts: 30,
  projects: 500,
  items: 6_000,
  memberships: 2_000,
  allowlistEntries: 500,
  auditEvents: 100,
};

let database: TestDatabase;
let world: ScaleWorld;
let capture: ReturnType<typeof loggingTwin>;

const actorOf = (user: ScaleUser): Actor => ({
  id: user.id,
  role: user.role,
  disabled: false,
  clientAccountIds: user.clientAccountIds,
});

beforeAll(async () => {
  database = await createTestDatabase();
  world = await seedScaleWorld(database.db, { counts: COUNTS, seed: 5 });
  await database.db.execute(sql`analyze`);
  capture = loggingTwin(database);
  useDatabase(capture.database);
  // Seeding takes a few seconds on a quiet machine; leave room for a busy one (migrations included).
}, 180_000);

afterAll(async () => {
  await database?.dispose();
});

/** Runs `work` through the DAL and returns the statements it issued. */
async function captured(work: () => Promise<unknown>): Promise<CapturedQuery[]> {
  capture.log.length = 0;
  await work();
  return plannable(capture.log);
}

async function expectIndexedPlans(actor: Actor, queries: CapturedQuery[]) {
  expect(queries.length).toBeGreaterThan(0);
  for (const query of queries) {
    const plan = await explainAs(database, actor.id, query);
    const scans = fullScansOn(plan, LARGE_TABLES);
    expect(scans, `full scan in the plan of:\n${query.sql}\n\n${outline(plan)}`).toEqual([]);
  }
}

/** An agency member with an active grant, a project of theirs and one of its items; and a client owner. */
function cases() {
  const membership = world.memberships.find((m) => m.active && !world.users.find((u) => u.id === m.userId)!.disabled)!;
  const member = actorOf(world.users.find((u) => u.id === membership.userId)!);
  const memberItem = world.items.find((i) => i.projectId === membership.projectId)!;
  const strangerItem = world.items.find(
    (i) => !world.memberships.some((m) => m.userId === member.id && m.projectId === i.projectId),
  )!;
  const ownedIndex = world.projectClientIds.findIndex((account) =>
    world.users.some((u) => u.role === 'client' && !u.disabled && u.clientAccountIds.includes(account)),
  );
  const clientUser = world.users.find(
    (u) => u.role === 'client' && !u.disabled && u.clientAccountIds.includes(world.projectClientIds[ownedIndex]!),
  )!;
  const client = actorOf(clientUser);
  const clientProject = world.projectIds[ownedIndex]!;
  const clientItem = world.items.find((i) => i.projectId === clientProject)!;
  return { member, memberProject: membership.projectId, memberItem, strangerItem, client, clientProject, clientItem };
}

const check = (actor: Actor, itemId: string) =>
  withActor(actor, async ({ tx }) => {
    const loaded = await loadItemWithFacts(tx, actor, itemId);
    return loaded
      ? can(actor, 'item.read', { type: 'item', project: loaded.project, item: loaded.item }).allowed
      : false;
  });

describe('query plans at scale (no full scan of items, memberships, allowlist entries or projects)', () => {
  it('the access check, allowed and denied, for an agency member and a client', async () => {
    const c = cases();
    expect(await check(c.member, c.memberItem.id)).toBeTypeOf('boolean');
    await expectIndexedPlans(c.member, await captured(() => check(c.member, c.memberItem.id)));
    await expectIndexedPlans(c.member, await captured(() => check(c.member, c.strangerItem.id)));
    await expectIndexedPlans(c.client, await captured(() => check(c.client, c.clientItem.id)));
  });

  it('the audited item read (check, read, names, audit event)', async () => {
    const c = cases();
    await expectIndexedPlans(c.member, await captured(() => readItem(c.member, c.memberItem.id, meta)));
    await expectIndexedPlans(c.client, await captured(() => readItem(c.client, c.clientItem.id, meta)));
  });

  it("a user's projects, for an agency member and a client", async () => {
    const c = cases();
    expect((await listVisibleProjects(c.member)).length).toBeGreaterThan(0);
    expect((await listVisibleProjects(c.client)).length).toBeGreaterThan(0);
    await expectIndexedPlans(c.member, await captured(() => listVisibleProjects(c.member)));
    await expectIndexedPlans(c.client, await captured(() => listVisibleProjects(c.client)));
  });

  it("a project's visible items, for an agency member and a client", async () => {
    const c = cases();
    expect(await getProjectDetail(c.member, c.memberProject)).not.toBeNull();
    expect(await getProjectDetail(c.client, c.clientProject)).not.toBeNull();
    await expectIndexedPlans(c.member, await captured(() => getProjectDetail(c.member, c.memberProject)));
    await expectIndexedPlans(c.client, await captured(() => getProjectDetail(c.client, c.clientProject)));
  });

  it("a client's access history, a page of it (its items' labels by index, one probe per event)", async () => {
    const c = cases();
    await expectIndexedPlans(c.client, await captured(() => listAccessHistory(c.client, {})));
  });
});
