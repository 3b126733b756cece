/**
 * Writing items through the data-access layer (docs/product.md §4 "Writes"): who may create, edit and classify, what a
 * new item starts as, and that a refused write changes nothing.
 */
import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allowlistEntries, items } from '@/db/schema';
import { seedDemoWorld } from '@/db/seed/demo-world';
import type { Actor, ItemCategory } from '@/lib/authz/types';
import { classifyItem } from '@/lib/dal/items/classify-item';
import { createItem, type CreateItemInput } from '@/lib/dal/items/create-item';
import { readItem } from '@/lib/dal/items/read-item';
import { updateItem } from '@/lib/dal/items/update-item';
import { demoActors, meta, type DemoKey } from '../helpers/actors';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { auditSince, itemContent, itemIdsByCanary, itemRow, lastAuditId, type Canary } from '../helpers/demo';
import { expectAppError } from '../helpers/expect';

let database: TestDatabase;
let actors: Record<DemoKey, Actor>;
let ids: Record<Canary, string>;
let aurora: string;

beforeAll(async () => {
  database = await createTestDatabase();
  const seeded = await seedDemoWorld(database.db);
  aurora = seeded.projects.aurora;
  actors = await demoActors(database.db);
  ids = await itemIdsByCanary(database.db);
});

afterAll(async () => {
  await database?.dispose();
});

const input = (category: ItemCategory, title: string, extra: Partial<CreateItemInput> = {}): CreateItemInput => ({
  projectId: aurora,
  category,
  classification: 'confidential',
  sharedWithCounterparty: false,
  title,
  body: `Body of ${title}`,
  allowlistUserIds: [],
  ...extra,
});

const itemCount = async () => Number((await database.db.select({ n: count() }).from(items))[0]!.n);
const allowlistOf = async (itemId: string) =>
  (
    await database.db
      .select({ userId: allowlistEntries.userId })
      .from(allowlistEntries)
      .where(eq(allowlistEntries.itemId, itemId))
  )
    .map((r) => r.userId)
    .sort();
const reads = async (key: DemoKey, itemId: string) => (await readItem(actors[key], itemId, meta)) !== null;

/** Runs a write that must be refused and proves it left the item and its allowlist exactly as they were. */
async function refusedWithoutChange(itemId: string, write: () => Promise<unknown>, code: 'invalid' | 'not_found') {
  const before = {
    row: await itemRow(database.db, itemId),
    allowlist: await allowlistOf(itemId),
    items: await itemCount(),
  };
  await expectAppError(write(), code);
  expect(await itemRow(database.db, itemId)).toEqual(before.row);
  expect(await allowlistOf(itemId)).toEqual(before.allowlist);
  expect(await itemCount()).toBe(before.items);
}

/** Runs a create that must be refused and proves no item was inserted. */
async function refusedCreate(
  actor: Actor,
  create: CreateItemInput,
  code: 'invalid' | 'not_found' | ('invalid' | 'not_found')[],
) {
  const before = await itemCount();
  const allowBefore = (await database.db.select({ n: count() }).from(allowlistEntries))[0]!.n;
  await expectAppError(createItem(actor, create, meta), code);
  expect(await itemCount()).toBe(before);
  expect((await database.db.select({ n: count() }).from(allowlistEntries))[0]!.n).toBe(allowBefore);
}

let finnDeal: string;
let samCredentials: string;
let novaItinerary: string;

describe('createItem', () => {
  it('the lead creates a deal-terms item; the deal-terms member and the client read it, others do not', async () => {
    const before = await lastAuditId(database.db);
    const { id } = await createItem(actors.sam, input('deal_terms', 'Bonus terms NEW-SAM-DEAL'), meta);
    const row = await itemRow(database.db, id);
    expect(row).toMatchObject({
      projectId: aurora,
      category: 'deal_terms',
      classification: 'confidential',
      authorId: actors.sam.id,
    });
    const events = await auditSince(database.db, before);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      action: 'item.create',
      outcome: 'allowed',
      actorId: actors.sam.id,
      targetId: id,
      projectId: aurora,
    });
    expect((await readItem(actors.sam, id, meta))?.title).toBe('Bonus terms NEW-SAM-DEAL');
    expect(await reads('finn', id)).toBe(true);
    expect(await reads('nova', id)).toBe(true);
    expect(await reads('cora', id)).toBe(false);
    expect(await reads('brian', id)).toBe(false);
  });

  it('a deal-terms member creates deal terms but not logistics', async () => {
    finnDeal = (await createItem(actors.finn, input('deal_terms', 'Payment plan NEW-FINN-DEAL'), meta)).id;
    expect(await itemRow(database.db, finnDeal)).toMatchObject({ authorId: actors.finn.id, category: 'deal_terms' });
    await refusedCreate(actors.finn, input('logistics', 'Hotel NEW-FINN-LOGISTICS'), 'invalid');
  });

  it('only the lead may share a new item with the counterparty', async () => {
    await refusedCreate(
      actors.cora,
      input('creative', 'Mood board NEW-CORA-SHARED', { sharedWithCounterparty: true }),
      'invalid',
    );
    const { id } = await createItem(
      actors.sam,
      input('creative', 'Brand kit NEW-SAM-SHARED', { sharedWithCounterparty: true }),
      meta,
    );
    expect(await reads('brian', id)).toBe(true);
  });

  it.each(['nina', 'ada', 'oscar', 'kai'] as const)(
    '%s, who cannot see Aurora, is answered "not found"',
    async (key) => {
      await refusedCreate(actors[key], input('creative', `Sneaky NEW-${key}`), 'not_found');
    },
  );

  it('the counterparty brand cannot add items', async () => {
    for (const category of ['logistics', 'creative', 'deal_terms'] as const) {
      await refusedCreate(actors.brian, input(category, `Brand note NEW-BRIAN-${category}`), ['not_found', 'invalid']);
    }
  });

  it('a high-risk item puts its author and the named members on the allowlist; the policy still decides', async () => {
    const { id } = await createItem(
      actors.sam,
      input('logistics', 'Hotel rooms NEW-HR-HOTEL', {
        classification: 'high_risk',
        allowlistUserIds: [actors.finn.id],
      }),
      meta,
    );
    expect((await itemRow(database.db, id))?.classification).toBe('high_risk');
    expect(await allowlistOf(id)).toEqual([actors.sam.id, actors.finn.id].sort());
    expect(await reads('sam', id)).toBe(true);
    expect(await reads('finn', id)).toBe(false); // on the list, but no logistics scope
    expect(await reads('nova', id)).toBe(true); // the client's own data
    expect(await reads('brian', id)).toBe(false);
  });

  it('an allowlist naming someone outside the project is refused with nothing inserted', async () => {
    await refusedCreate(
      actors.sam,
      input('logistics', 'Driver NEW-HR-DRIVER', { classification: 'high_risk', allowlistUserIds: [actors.oscar.id] }),
      'invalid',
    );
  });

  it('a credentials item is always high-risk, and never shared', async () => {
    samCredentials = (await createItem(actors.sam, input('credentials', 'Social login NEW-CREDS'), meta)).id;
    expect((await itemRow(database.db, samCredentials))?.classification).toBe('high_risk');
    expect(await allowlistOf(samCredentials)).toEqual([actors.sam.id]);
    expect(await reads('sam', samCredentials)).toBe(true);
    expect(await reads('finn', samCredentials)).toBe(false);
    await refusedCreate(
      actors.sam,
      input('credentials', 'Shared login NEW-CREDS-SHARED', { sharedWithCounterparty: true }),
      'invalid',
    );
  });

  it('the client hands over a logistics item: high-risk, the lead can read it, a deal-terms member cannot', async () => {
    novaItinerary = (await createItem(actors.nova, input('logistics', 'My flights NEW-NOVA-FLIGHTS'), meta)).id;
    const row = await itemRow(database.db, novaItinerary);
    expect(row).toMatchObject({ classification: 'high_risk', authorId: actors.nova.id, sharedWithCounterparty: false });
    expect(await allowlistOf(novaItinerary)).toEqual([actors.sam.id]);
    expect(await reads('nova', novaItinerary)).toBe(true);
    expect(await reads('sam', novaItinerary)).toBe(true);
    expect(await reads('finn', novaItinerary)).toBe(false);
    expect(await reads('brian', novaItinerary)).toBe(false);
  });

  it('the client may not add deal terms or communications', async () => {
    await refusedCreate(actors.nova, input('deal_terms', 'My rate NEW-NOVA-RATE'), 'invalid');
    await refusedCreate(actors.nova, input('communications', 'My notes NEW-NOVA-NOTES'), 'invalid');
  });
});

describe('updateItem', () => {
  const edit = (key: DemoKey, itemId: string, title: string) =>
    updateItem(actors[key], { itemId, title, body: `${title} body` }, meta);

  it('the author edits their own item, and the lead edits anyone’s', async () => {
    await edit('finn', finnDeal, 'Payment plan NEW-FINN-DEAL rev 2');
    expect((await itemRow(database.db, finnDeal))?.title).toBe('Payment plan NEW-FINN-DEAL rev 2');
    await edit('sam', finnDeal, 'Payment plan NEW-FINN-DEAL rev 3');
    expect((await readItem(actors.finn, finnDeal, meta))?.title).toBe('Payment plan NEW-FINN-DEAL rev 3');
    await edit('nova', novaItinerary, 'My flights NEW-NOVA-FLIGHTS (changed)');
    expect((await itemContent(database.db, novaItinerary))?.title).toBe('My flights NEW-NOVA-FLIGHTS (changed)');
  });

  it('a member who can read an item but did not write it cannot edit it', async () => {
    await refusedWithoutChange(
      ids['AURORA-RATE-250K'],
      () => edit('finn', ids['AURORA-RATE-250K'], 'Rate card 999K'),
      'invalid',
    );
    await refusedWithoutChange(
      ids['AURORA-SHOOT-SCHEDULE'],
      () => edit('nova', ids['AURORA-SHOOT-SCHEDULE'], 'Moved'),
      'invalid',
    );
  });

  it('someone who cannot read the item is told it does not exist, and the attempt is audited', async () => {
    const before = await lastAuditId(database.db);
    await refusedWithoutChange(
      ids['AURORA-RATE-250K'],
      () => edit('cora', ids['AURORA-RATE-250K'], 'Rate card 1'),
      'not_found',
    );
    const events = await auditSince(database.db, before);
    expect(events.filter((e) => e.action === 'item.edit')).toMatchObject([
      { outcome: 'denied', actorId: actors.cora.id, targetId: ids['AURORA-RATE-250K'] },
    ]);
    for (const key of ['ada', 'oscar', 'brian'] as const) {
      await refusedWithoutChange(ids['AURORA-RATE-250K'], () => edit(key, ids['AURORA-RATE-250K'], 'x'), 'not_found');
    }
  });
});

describe('classifyItem', () => {
  const classify = (
    key: DemoKey,
    itemId: string,
    classification: 'confidential' | 'high_risk',
    sharedWithCounterparty = false,
  ) => classifyItem(actors[key], { itemId, classification, sharedWithCounterparty }, meta);

  it('only the lead classifies; others who read the item are refused, others are not told it exists', async () => {
    await refusedWithoutChange(finnDeal, () => classify('finn', finnDeal, 'high_risk'), 'invalid');
    await refusedWithoutChange(novaItinerary, () => classify('nova', novaItinerary, 'confidential'), 'invalid');
    await refusedWithoutChange(finnDeal, () => classify('cora', finnDeal, 'high_risk'), 'not_found');
    await refusedWithoutChange(finnDeal, () => classify('ada', finnDeal, 'high_risk'), 'not_found');
  });

  it('raising an item to high-risk keeps the lead able to read it', async () => {
    expect(await allowlistOf(finnDeal)).toEqual([]);
    await classify('sam', finnDeal, 'high_risk');
    expect((await itemRow(database.db, finnDeal))?.classification).toBe('high_risk');
    expect((await readItem(actors.sam, finnDeal, meta))?.title).toContain('NEW-FINN-DEAL');
    expect(await reads('nova', finnDeal)).toBe(true);
  });

  it('credentials cannot be lowered from high-risk', async () => {
    await refusedWithoutChange(samCredentials, () => classify('sam', samCredentials, 'confidential'), 'invalid');
  });

  it('a high-risk item cannot be shared with the counterparty', async () => {
    await refusedWithoutChange(
      ids['AURORA-RATE-250K'],
      () => classify('sam', ids['AURORA-RATE-250K'], 'high_risk', true),
      'invalid',
    );
    await refusedWithoutChange(
      ids['AURORA-HR-ITINERARY'],
      () => classify('sam', ids['AURORA-HR-ITINERARY'], 'high_risk', true),
      'invalid',
    );
    expect(await reads('brian', ids['AURORA-RATE-250K'])).toBe(false);
  });

  it('the lead shares a confidential item with the counterparty, and the brand can read it at once', async () => {
    expect(await reads('brian', ids['AURORA-SHOOT-SCHEDULE'])).toBe(false);
    await classify('sam', ids['AURORA-SHOOT-SCHEDULE'], 'confidential', true);
    expect((await readItem(actors.brian, ids['AURORA-SHOOT-SCHEDULE'], meta))?.title).toContain(
      'AURORA-SHOOT-SCHEDULE',
    );
  });
});
