/**
 * Issue 12, finding 3, through the data-access layer: a lead's change that lowers a client's hand-over from
 * high-risk or shares it with the counterparty waits for that client; approved, it is applied in the same
 * transaction; refused, nothing changes. The client hears of every classification change on their items, and
 * the database refuses such a change made around the application.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, items } from '@/db/schema';
import { seedDemoWorld } from '@/db/seed/demo-world';
import type { Actor } from '@/lib/authz/types';
import { decideHandoverChange } from '@/lib/dal/handover/decide-handover-change';
import { listPendingHandoverChanges } from '@/lib/dal/handover/list-pending-handover-changes';
import { classifyItem } from '@/lib/dal/items/classify-item';
import { createItem } from '@/lib/dal/items/create-item';
import { readItem } from '@/lib/dal/items/read-item';
import { listNotifications } from '@/lib/dal/notifications/list-notifications';
import { withActor } from '@/lib/dal/transaction';
import { demoActors, meta, type DemoKey } from '../helpers/actors';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { itemIdsByCanary, type Canary } from '../helpers/demo';
import { expectAppError } from '../helpers/expect';

let database: TestDatabase;
let actors: Record<DemoKey, Actor>;
let ids: Record<Canary, string>;
let seeded: Awaited<ReturnType<typeof seedDemoWorld>>;
let hotel: string;

const state = async (id: string) => {
  const [row] = await database.db
    .select({ classification: items.classification, shared: items.sharedWithCounterparty })
    .from(items)
    .where(eq(items.id, id));
  return row;
};
const brianReads = async (id: string) => (await readItem(actors.brian, id, meta)) !== null;
const pendingFor = async (key: DemoKey) => listPendingHandoverChanges(actors[key]);

beforeAll(async () => {
  database = await createTestDatabase();
  seeded = await seedDemoWorld(database.db);
  actors = await demoActors(database.db);
  ids = await itemIdsByCanary(database.db);
  hotel = (
    await createItem(
      actors.nova,
      {
        projectId: seeded.projects.aurora,
        category: 'logistics',
        classification: 'confidential',
        sharedWithCounterparty: false,
        title: 'Hotel NEW-HOTEL',
        body: 'Suite NEW-HOTEL',
        allowlistUserIds: [],
      },
      meta,
    )
  ).id;
});
afterAll(async () => database?.dispose());

describe('a lead’s change to a hand-over', () => {
  it('lowering and sharing waits for the client: nothing changes, the brand reads nothing, the client is asked', async () => {
    expect(await state(hotel)).toEqual({ classification: 'high_risk', shared: false });
    expect(
      await classifyItem(
        actors.sam,
        { itemId: hotel, classification: 'confidential', sharedWithCounterparty: true },
        meta,
      ),
    ).toEqual({ status: 'pending' });
    expect(await state(hotel)).toEqual({ classification: 'high_risk', shared: false });
    expect(await brianReads(hotel)).toBe(false);
    const [pending] = await pendingFor('nova');
    expect(pending).toMatchObject({
      project: 'Aurora',
      requestedBy: 'Sam Lead',
      change: 'lower from high-risk to confidential and share with the counterparty',
    });
    expect(pending!.item).toMatch(/^Logistics item #\d+$/);
    expect((await listNotifications(actors.nova))[0]).toMatchObject({
      kind: 'handover.pending',
      title: expect.stringContaining('Your approval is needed'),
    });
    expect(JSON.stringify(await listNotifications(actors.nova))).not.toContain('NEW-HOTEL');
    expect(await pendingFor('kai')).toEqual([]);
    expect(await pendingFor('sam')).toEqual([]);
  });

  it('one change waits at a time; only the owning client decides; a refusal needs a reason', async () => {
    await expectAppError(
      classifyItem(actors.sam, { itemId: hotel, classification: 'confidential', sharedWithCounterparty: false }, meta),
      'invalid',
      /already waiting/,
    );
    const [pending] = await pendingFor('nova');
    for (const key of ['kai', 'sam', 'brian', 'ada'] as const) {
      await expectAppError(
        decideHandoverChange(actors[key], { requestId: pending!.id, decision: 'approve' }, meta),
        'not_found',
      );
    }
    await expectAppError(
      decideHandoverChange(actors.nova, { requestId: pending!.id, decision: 'refuse' }, meta),
      'invalid',
      /Say why/,
    );
    expect(await state(hotel)).toEqual({ classification: 'high_risk', shared: false });
  });

  it('approved: applied at once, the lead is told, and the decision cannot be made twice', async () => {
    const [pending] = await pendingFor('nova');
    await decideHandoverChange(actors.nova, { requestId: pending!.id, decision: 'approve' }, meta);
    expect(await state(hotel)).toEqual({ classification: 'confidential', shared: true });
    expect((await readItem(actors.brian, hotel, meta))?.title).toContain('NEW-HOTEL');
    expect((await listNotifications(actors.sam))[0]).toMatchObject({ kind: 'handover.approved' });
    await expectAppError(
      decideHandoverChange(
        actors.nova,
        { requestId: pending!.id, decision: 'refuse', reason: 'Changed my mind' },
        meta,
      ),
      'invalid',
      /^Already decided\.$/,
    );
    const [event] = await database.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.action, 'handover_change.approve'));
    expect(event).toMatchObject({ actorId: actors.nova.id, targetId: hotel, outcome: 'allowed' });
  });

  it('refused: the item stays as it was and the lead reads the reason', async () => {
    expect(
      await classifyItem(
        actors.sam,
        { itemId: hotel, classification: 'confidential', sharedWithCounterparty: false },
        meta,
      ),
    ).toEqual({ status: 'applied' });
    expect(await brianReads(hotel)).toBe(false);
    expect(
      await classifyItem(
        actors.sam,
        { itemId: hotel, classification: 'confidential', sharedWithCounterparty: true },
        meta,
      ),
    ).toEqual({ status: 'pending' });
    const [pending] = await pendingFor('nova');
    await decideHandoverChange(
      actors.nova,
      { requestId: pending!.id, decision: 'refuse', reason: 'Lumen does not need it' },
      meta,
    );
    expect(await state(hotel)).toEqual({ classification: 'confidential', shared: false });
    expect(await brianReads(hotel)).toBe(false);
    expect((await listNotifications(actors.sam))[0]).toMatchObject({
      kind: 'handover.refused',
      body: expect.stringContaining('Lumen does not need it'),
    });
  });

  it('raising a hand-over again, and every change to the agency’s own items, applies at once and tells the client', async () => {
    expect(
      await classifyItem(
        actors.sam,
        { itemId: hotel, classification: 'high_risk', sharedWithCounterparty: false },
        meta,
      ),
    ).toEqual({ status: 'applied' });
    expect((await listNotifications(actors.nova))[0]).toMatchObject({
      kind: 'item.classified',
      title: expect.stringContaining('is now high-risk'),
    });
    expect(
      await classifyItem(
        actors.sam,
        { itemId: ids['AURORA-SHOOT-SCHEDULE'], classification: 'confidential', sharedWithCounterparty: true },
        meta,
      ),
    ).toEqual({ status: 'applied' });
    expect(await brianReads(ids['AURORA-SHOOT-SCHEDULE'])).toBe(true);
    expect((await listNotifications(actors.nova))[0]).toMatchObject({
      kind: 'item.classified',
      title: expect.stringContaining('shared with the counterparty'),
    });
  });
});

describe('the database restates it', () => {
  it('refuses lowering a hand-over without the client’s approval, whatever the application does', async () => {
    const attempt = withActor(actors.sam, ({ tx }) =>
      tx
        .update(items)
        .set({ sharedWithCounterparty: false, classification: 'confidential' })
        .where(eq(items.id, hotel)),
    );
    await expect(attempt).rejects.toThrow();
    expect(await state(hotel)).toEqual({ classification: 'high_risk', shared: false });
  });
});
