/**
 * Access requests (issue 4) through the data-access layer: staff ask for membership or one high-risk item;
 * an admin approves (the ordinary grant, NDA checks included) or refuses with a reason; a high-risk approval
 * then waits for the client when the client requires it; everyone concerned is told.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientAccounts } from '@/db/schema';
import { seedDemoWorld } from '@/db/seed/demo-world';
import type { Actor } from '@/lib/authz/types';
import { createAccessRequest } from '@/lib/dal/access-requests/create-access-request';
import { getAccessRequestOptions } from '@/lib/dal/access-requests/get-access-request-options';
import { listMyAccessRequests } from '@/lib/dal/access-requests/list-my-access-requests';
import { decideAccessRequest } from '@/lib/dal/access-requests/decide-access-request';
import { listAccessRequests } from '@/lib/dal/access-requests/list-access-requests';
import { decideHighRiskGrant } from '@/lib/dal/approvals/decide-high-risk-grant';
import { listPendingGrants } from '@/lib/dal/approvals/list-pending-grants';
import { createItem } from '@/lib/dal/items/create-item';
import { readItem } from '@/lib/dal/items/read-item';
import { listNotifications } from '@/lib/dal/notifications/list-notifications';
import { listVisibleProjects } from '@/lib/dal/projects/list-visible-projects';
import { demoActors, meta, type DemoKey } from '../helpers/actors';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { itemIdsByCanary, type Canary } from '../helpers/demo';
import { expectAppError } from '../helpers/expect';

let database: TestDatabase;
let actors: Record<DemoKey, Actor>;
let ids: Record<Canary, string>;
let seeded: Awaited<ReturnType<typeof seedDemoWorld>>;

beforeAll(async () => {
  database = await createTestDatabase();
  seeded = await seedDemoWorld(database.db);
  actors = await demoActors(database.db);
  ids = await itemIdsByCanary(database.db);
});
afterAll(async () => database?.dispose());

describe('asking', () => {
  it('offers projects whose client an NDA covers, and the high-risk items of one’s own projects, by reference', async () => {
    const finn = await getAccessRequestOptions(actors.finn);
    expect(finn.projects.map((p) => p.codename)).toEqual(['Aurora', 'Borealis']);
    expect(finn.items).toEqual([]); // no logistics or credentials scope on Aurora
    const cora = await getAccessRequestOptions(actors.cora);
    expect(cora.projects.map((p) => p.codename)).toEqual(['Aurora']); // her NDA is for Nova's account only
    expect(await getAccessRequestOptions(actors.nina)).toEqual({ projects: [], items: [] });
    expect(JSON.stringify(await getAccessRequestOptions(actors.sam))).not.toMatch(/AURORA-|BOREALIS-/);
  });

  it('refuses people without an NDA for the client, clients, and duplicates', async () => {
    await expectAppError(
      createAccessRequest(
        actors.nina,
        {
          kind: 'membership',
          projectId: seeded.projects.aurora,
          scopes: ['creative'],
          reason: 'I edit videos for this',
        },
        meta,
      ),
      'not_found',
    );
    await expectAppError(
      createAccessRequest(
        actors.cora,
        {
          kind: 'membership',
          projectId: seeded.projects.borealis,
          scopes: ['creative'],
          reason: 'I edit videos for this',
        },
        meta,
      ),
      'not_found',
    );
    await expectAppError(
      createAccessRequest(
        actors.nova,
        { kind: 'membership', projectId: seeded.projects.aurora, scopes: ['creative'], reason: 'I want to see all' },
        meta,
      ),
      'not_found',
    );
    await expectAppError(
      createAccessRequest(
        actors.sam,
        { kind: 'high_risk_item', itemId: ids['AURORA-RATE-250K'], reason: 'Need the rate card' },
        meta,
      ),
      'invalid',
      /Only high-risk items/,
    );
    // Off one's own projects an item is asked for by no one, and whether it is high-risk is not told: oscar's NDA
    // covers every client, but he is not on Aurora.
    for (const canary of ['AURORA-HR-ITINERARY', 'AURORA-RATE-250K'] as const) {
      await expectAppError(
        createAccessRequest(
          actors.oscar,
          { kind: 'high_risk_item', itemId: ids[canary], reason: 'Curious about it' },
          meta,
        ),
        'not_found',
      );
    }
    await createAccessRequest(
      actors.finn,
      {
        kind: 'membership',
        projectId: seeded.projects.borealis,
        scopes: ['deal_terms'],
        reason: 'Covering Borealis invoices',
      },
      meta,
    );
    await expectAppError(
      createAccessRequest(
        actors.finn,
        {
          kind: 'membership',
          projectId: seeded.projects.borealis,
          scopes: ['deal_terms'],
          reason: 'Covering Borealis invoices',
        },
        meta,
      ),
      'invalid',
      /already have an open request/,
    );
    expect((await listNotifications(actors.ada))[0]).toMatchObject({
      kind: 'access_request.created',
      title: expect.stringContaining('Finn Finance asks for membership of Borealis'),
    });
    expect(JSON.stringify(await listNotifications(actors.ada))).not.toContain('Kai Storm');
  });
});

describe('deciding', () => {
  it('an approved membership request is the ordinary grant: the requester sees the project on the next request', async () => {
    const [request] = await listAccessRequests(actors.ada);
    expect(request).toMatchObject({
      requester: 'Finn Finance',
      project: 'Borealis',
      owner: 'Client Orion',
      ndaOnFile: true,
      status: 'open',
      scopes: ['deal_terms'],
    });
    await expectAppError(
      decideAccessRequest(actors.sam, { requestId: request!.id, decision: 'approve' }, meta),
      'not_found',
    );
    expect((await listVisibleProjects(actors.finn)).map((p) => p.codename)).toEqual(['Aurora']);
    expect(await decideAccessRequest(actors.ada, { requestId: request!.id, decision: 'approve' }, meta)).toEqual({
      outcome: 'approved',
    });
    expect((await listVisibleProjects(actors.finn)).map((p) => p.codename)).toEqual(['Aurora', 'Borealis']);
    expect((await readItem(actors.finn, ids['BOREALIS-RATE'], meta))?.title).toContain('BOREALIS-RATE');
    expect((await listMyAccessRequests(actors.finn))[0]).toMatchObject({ status: 'approved', project: 'Borealis' });
    await expectAppError(
      decideAccessRequest(actors.ada, { requestId: request!.id, decision: 'refuse', reason: 'Too late' }, meta),
      'invalid',
      /^Already decided\.$/,
    );
  });

  it('a contractor’s request needs an expiry when approved; a refusal needs a reason', async () => {
    await createAccessRequest(
      actors.cora,
      {
        kind: 'membership',
        projectId: seeded.projects.aurora,
        scopes: ['logistics'],
        reason: 'Cutting the travel video',
      },
      meta,
    );
    const request = (await listAccessRequests(actors.ada)).find((r) => r.requester === 'Cora Editor')!;
    await expectAppError(
      decideAccessRequest(actors.ada, { requestId: request.id, decision: 'approve' }, meta),
      'invalid',
      'Contractor access always needs an expiry date.',
    );
    expect((await listAccessRequests(actors.ada)).find((r) => r.id === request.id)?.status).toBe('open');
    await expectAppError(
      decideAccessRequest(actors.ada, { requestId: request.id, decision: 'refuse' }, meta),
      'invalid',
      /Say why/,
    );
    await decideAccessRequest(
      actors.ada,
      { requestId: request.id, decision: 'refuse', reason: 'Logistics stay in-house' },
      meta,
    );
    expect((await listNotifications(actors.cora))[0]).toMatchObject({
      kind: 'access_request.decided',
      body: expect.stringContaining('Logistics stay in-house'),
    });
  });

  it('an approved high-risk request goes to the client when the client requires approval', async () => {
    await database.db
      .update(clientAccounts)
      .set({ requiresHighRiskApproval: true })
      .where(eq(clientAccounts.id, seeded.clients.nova));
    const { id: itemId } = await createItem(
      actors.sam,
      {
        projectId: seeded.projects.aurora,
        category: 'deal_terms',
        classification: 'high_risk',
        sharedWithCounterparty: false,
        title: 'Side letter',
        body: 'Terms',
        allowlistUserIds: [],
      },
      meta,
    );
    expect((await getAccessRequestOptions(actors.finn)).items.map((i) => i.id)).toEqual([itemId]);
    await createAccessRequest(
      actors.finn,
      { kind: 'high_risk_item', itemId, reason: 'Need the side letter for invoicing' },
      meta,
    );
    const request = (await listAccessRequests(actors.ada)).find((r) => r.status === 'open')!;
    expect(request.item).toMatch(/^Deal terms item #\d+$/);
    expect(await decideAccessRequest(actors.ada, { requestId: request.id, decision: 'approve' }, meta)).toEqual({
      outcome: 'approved, pending the client’s approval',
    });
    expect(await readItem(actors.finn, itemId, meta)).toBeNull();
    const [pending] = await listPendingGrants(actors.nova);
    expect(pending).toMatchObject({
      person: 'Finn Finance',
      reason: 'Access request: Need the side letter for invoicing',
    });
    await decideHighRiskGrant(actors.nova, { entryId: pending!.id, decision: 'approve' }, meta);
    expect((await readItem(actors.finn, itemId, meta))?.title).toBe('Side letter');
  });
});
