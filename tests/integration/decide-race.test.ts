/**
 * Two people deciding one thing at once (issue 12, finding 9): exactly one decision, one audit event of it,
 * one notification; the other decider is told "Already decided." Real concurrency needs two connections, so
 * this runs on PostgreSQL only (PGlite has one connection and runs the two transactions one after the other).
 */
import { randomUUID } from 'node:crypto';
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, clientAccounts, handoverChangeRequests, memberships, notifications, users } from '@/db/schema';
import { seedDemoWorld } from '@/db/seed/demo-world';
import type { Actor } from '@/lib/authz/types';
import { createAccessRequest } from '@/lib/dal/access-requests/create-access-request';
import { decideAccessRequest } from '@/lib/dal/access-requests/decide-access-request';
import { listAccessRequests } from '@/lib/dal/access-requests/list-access-requests';
import { grantAllowlistEntry } from '@/lib/dal/allowlist/grant-allowlist-entry';
import { revokeMembership } from '@/lib/dal/memberships/revoke-membership';
import { decideHighRiskGrant } from '@/lib/dal/approvals/decide-high-risk-grant';
import { decideHandoverChange } from '@/lib/dal/handover/decide-handover-change';
import { classifyItem } from '@/lib/dal/items/classify-item';
import { createItem } from '@/lib/dal/items/create-item';
import { demoActors, meta, type DemoKey } from '../helpers/actors';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { itemIdsByCanary, type Canary } from '../helpers/demo';

const onPostgres = process.env.TEST_DATABASE === 'postgres';

let database: TestDatabase;
let actors: Record<DemoKey, Actor>;
let ids: Record<Canary, string>;
let seeded: Awaited<ReturnType<typeof seedDemoWorld>>;
let ada2: Actor;

beforeAll(async () => {
  if (!onPostgres) return;
  database = await createTestDatabase();
  seeded = await seedDemoWorld(database.db);
  actors = await demoActors(database.db);
  ids = await itemIdsByCanary(database.db);
  // A second admin, so that two different admins decide one request.
  ada2 = { id: randomUUID(), role: 'admin', disabled: false, clientAccountIds: [] };
  await database.db
    .insert(users)
    .values({ id: ada2.id, email: 'ada2.admin@mmgroup.test', name: 'Ada Second', role: 'admin' });
  await database.db
    .update(clientAccounts)
    .set({ requiresHighRiskApproval: true })
    .where(eq(clientAccounts.id, seeded.clients.nova));
});
afterAll(async () => database?.dispose());

/** Runs both at once; returns how many won and the losers' messages. */
async function race(a: () => Promise<unknown>, b: () => Promise<unknown>) {
  const results = await Promise.allSettled([a(), b()]);
  const won = results.filter((r) => r.status === 'fulfilled').length;
  const lost = results.flatMap((r) => (r.status === 'rejected' ? [(r.reason as Error).message] : []));
  return { won, lost };
}

const auditCount = async (actions: string[], key: string, value: string) =>
  (
    await database.db
      .select({ id: auditEvents.id })
      .from(auditEvents)
      .where(
        and(
          inArray(auditEvents.action, actions),
          eq(sql`${auditEvents.details} ->> ${key}`, value),
          eq(auditEvents.outcome, 'allowed'),
        ),
      )
  ).length;

const notificationCount = async (userId: string, kinds: string[]) =>
  (
    await database.db
      .select({ id: notifications.id })
      .from(notifications)
      .where(and(eq(notifications.userId, userId), inArray(notifications.kind, kinds)))
  ).length;

describe.skipIf(!onPostgres)('two deciders at once (PostgreSQL)', () => {
  it('a pending high-risk grant approved and refused at the same moment: one decision, one event, one notification', async () => {
    const cases = [
      { canary: 'AURORA-HR-ITINERARY', grantee: 'finn' },
      { canary: 'AURORA-CREDENTIALS', grantee: 'finn' },
      { canary: 'AURORA-HR-ITINERARY', grantee: 'oscar' },
      { canary: 'AURORA-CREDENTIALS', grantee: 'oscar' },
    ] as const;
    for (const c of cases) {
      const grantee = actors[c.grantee];
      const before = await notificationCount(grantee.id, ['highrisk.approved', 'highrisk.refused']);
      const granted = await grantAllowlistEntry(
        actors.ada,
        { itemId: ids[c.canary], userId: grantee.id, reason: 'Covering the trip' },
        meta,
      );
      expect(granted).toMatchObject({ status: 'pending' });
      const entryId = (granted as { id: string }).id;
      const { won, lost } = await race(
        () => decideHighRiskGrant(actors.nova, { entryId, decision: 'approve' }, meta),
        () => decideHighRiskGrant(actors.nova, { entryId, decision: 'refuse', reason: 'Not this one' }, meta),
      );
      expect(won).toBe(1);
      expect(lost).toEqual(['Already decided.']);
      expect(await auditCount(['allowlist.approve', 'allowlist.refuse'], 'allowlistEntryId', entryId)).toBe(1);
      expect((await notificationCount(grantee.id, ['highrisk.approved', 'highrisk.refused'])) - before).toBe(1);
    }
  });

  it('an access request granted by two admins at once: one membership, one event, one notification', async () => {
    for (const [who, project] of [
      ['finn', seeded.projects.borealis],
      ['oscar', seeded.projects.aurora],
    ] as const) {
      const requester = actors[who];
      await createAccessRequest(
        requester,
        { kind: 'membership', projectId: project, scopes: ['deal_terms'], reason: 'Covering the invoices' },
        meta,
      );
      const request = (await listAccessRequests(actors.ada)).find((r) => r.status === 'open')!;
      const before = await notificationCount(requester.id, ['access_request.decided']);
      const { won, lost } = await race(
        () => decideAccessRequest(actors.ada, { requestId: request.id, decision: 'approve' }, meta),
        () => decideAccessRequest(ada2, { requestId: request.id, decision: 'approve' }, meta),
      );
      expect(won).toBe(1);
      expect(lost).toEqual(['Already decided.']);
      const granted = await database.db
        .select({ id: memberships.id })
        .from(memberships)
        .where(
          and(eq(memberships.userId, requester.id), eq(memberships.projectId, project), eq(memberships.role, 'member')),
        );
      expect(granted).toHaveLength(1);
      expect(await auditCount(['access_request.approve', 'access_request.refuse'], 'accessRequestId', request.id)).toBe(
        1,
      );
      expect((await notificationCount(requester.id, ['access_request.decided'])) - before).toBe(1);
    }
  });

  it('a membership revoked by two admins at once: one revocation, one event, one notification', async () => {
    const [membership] = await database.db
      .select({ id: memberships.id })
      .from(memberships)
      .where(
        and(
          eq(memberships.userId, actors.finn.id),
          eq(memberships.projectId, seeded.projects.aurora),
          isNull(memberships.revokedAt),
        ),
      );
    const before = await notificationCount(actors.finn.id, ['access.revoked']);
    const { won, lost } = await race(
      () => revokeMembership(actors.ada, { membershipId: membership!.id }, meta),
      () => revokeMembership(ada2, { membershipId: membership!.id }, meta),
    );
    expect(won).toBe(1);
    expect(lost).toEqual(['This access is already revoked or does not exist.']);
    expect(await auditCount(['membership.revoke'], 'membershipId', membership!.id)).toBe(1);
    expect((await notificationCount(actors.finn.id, ['access.revoked'])) - before).toBe(1);
  });

  it('a change to a hand-over approved and refused at once: applied or not, never both', async () => {
    const { id: itemId } = await createItem(
      actors.nova,
      {
        projectId: seeded.projects.aurora,
        category: 'logistics',
        classification: 'high_risk',
        sharedWithCounterparty: false,
        title: 'Hotel RACE-HANDOVER',
        body: 'Room RACE-HANDOVER',
        allowlistUserIds: [],
      },
      meta,
    );
    expect(
      await classifyItem(actors.sam, { itemId, classification: 'confidential', sharedWithCounterparty: true }, meta),
    ).toEqual({ status: 'pending' });
    const [request] = await database.db
      .select()
      .from(handoverChangeRequests)
      .where(eq(handoverChangeRequests.itemId, itemId));
    const { won, lost } = await race(
      () => decideHandoverChange(actors.nova, { requestId: request!.id, decision: 'approve' }, meta),
      () =>
        decideHandoverChange(
          actors.nova,
          { requestId: request!.id, decision: 'refuse', reason: 'Keep it private' },
          meta,
        ),
    );
    expect(won).toBe(1);
    expect(lost).toEqual(['Already decided.']);
    expect(
      await auditCount(['handover_change.approve', 'handover_change.refuse'], 'handoverChangeId', request!.id),
    ).toBe(1);
    expect(await notificationCount(actors.sam.id, ['handover.approved', 'handover.refused'])).toBe(1);
  });
});
