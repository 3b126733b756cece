/**
 * Encryption at rest of item content (docs/product.md §6): high-risk items and credentials keep no plaintext in their
 * row; readers the policy allows get the plaintext; classification moves content between the two forms; a
 * sealed row is bound to its own id; without the master key sealed content is not served (fail closed).
 */
import { eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { items } from '@/db/schema';
import { DEMO_CANARIES, DEMO_SECRETS, seedDemoWorld } from '@/db/seed/demo-world';
import type { Actor } from '@/lib/authz/types';
import { currentMasterKeyId } from '@/lib/crypto/envelope';
import { classifyItem } from '@/lib/dal/items/classify-item';
import { createItem } from '@/lib/dal/items/create-item';
import { readItem } from '@/lib/dal/items/read-item';
import { updateItem } from '@/lib/dal/items/update-item';
import { getProjectDetail } from '@/lib/dal/projects/get-project-detail';
import { demoActors, meta, type DemoKey } from '../helpers/actors';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { itemContent, itemIdsByCanary, itemRow, type Canary } from '../helpers/demo';

let database: TestDatabase;
let actors: Record<DemoKey, Actor>;
let ids: Record<Canary, string>;
let aurora: string;
const masterKey = process.env.CLEARANCE_MASTER_KEY;

beforeAll(async () => {
  database = await createTestDatabase();
  aurora = (await seedDemoWorld(database.db)).projects.aurora;
  actors = await demoActors(database.db);
  ids = await itemIdsByCanary(database.db);
});

afterEach(() => {
  process.env.CLEARANCE_MASTER_KEY = masterKey;
});

afterAll(async () => {
  await database?.dispose();
});

// Nova's passport scan (docs/product.md §9.1) is her own high-risk hand-over.
const SEALED: Canary[] = ['AURORA-HR-ITINERARY', 'BOREALIS-HR-SECURITY', 'AURORA-CREDENTIALS', 'AURORA-PASSPORT'];

describe('the demo world at rest', () => {
  it('high-risk and credentials rows hold envelopes under the current key and no plaintext; others stay plain', async () => {
    for (const canary of DEMO_CANARIES) {
      const row = (await itemRow(database.db, ids[canary]))!;
      if (SEALED.includes(canary)) {
        expect(row, canary).toMatchObject({ title: null, body: null, keyId: currentMasterKeyId() });
        expect(row.sealed?.kid).toBe(currentMasterKeyId());
        expect(JSON.stringify(row)).not.toContain(canary);
      } else {
        expect(row, canary).toMatchObject({ sealed: null, secretSealed: null, keyId: null });
        expect(row.title).toContain(canary);
      }
    }
    const credentials = (await itemRow(database.db, ids['AURORA-CREDENTIALS']))!;
    expect(credentials.secretSealed).not.toBeNull();
    for (const secret of DEMO_SECRETS) expect(JSON.stringify(credentials)).not.toContain(secret);
  });

  it('allowed readers get the plaintext title and body; the secret value is never part of a read', async () => {
    const view = await readItem(actors.nova, ids['AURORA-CREDENTIALS'], meta);
    expect(view).toMatchObject({
      sealed: true,
      hasSecret: true,
      canReveal: true,
      category: 'credentials',
      classification: 'high_risk',
    });
    expect(view!.title).toBe('Instagram login AURORA-CREDENTIALS');
    expect(view!.body).toContain('AURORA-CREDENTIALS');
    const detail = await getProjectDetail(actors.sam, aurora);
    const titles = detail!.itemsByCategory.flatMap((g) => g.items.map((i) => i.title));
    expect(titles).toEqual(
      expect.arrayContaining(['Travel itinerary AURORA-HR-ITINERARY', 'Instagram login AURORA-CREDENTIALS']),
    );
    for (const secret of DEMO_SECRETS) {
      expect(JSON.stringify(view)).not.toContain(secret);
      expect(JSON.stringify(detail)).not.toContain(secret);
    }
  });
});

describe('writes keep high-risk content sealed', () => {
  it('a new high-risk item is sealed at creation, and its edits stay sealed', async () => {
    const { id } = await createItem(
      actors.sam,
      {
        projectId: aurora,
        category: 'logistics',
        classification: 'high_risk',
        sharedWithCounterparty: false,
        title: 'Hotel NEW-HR-HOTEL',
        body: 'Room NEW-HR-HOTEL',
        allowlistUserIds: [],
      },
      meta,
    );
    expect(await itemRow(database.db, id)).toMatchObject({ title: null, body: null, keyId: currentMasterKeyId() });
    await updateItem(actors.sam, { itemId: id, title: 'Hotel NEW-HR-HOTEL v2', body: 'Room NEW-HR-HOTEL v2' }, meta);
    const row = (await itemRow(database.db, id))!;
    expect(row).toMatchObject({ title: null, body: null });
    expect(JSON.stringify(row)).not.toContain('NEW-HR-HOTEL');
    expect((await readItem(actors.sam, id, meta))?.title).toBe('Hotel NEW-HR-HOTEL v2');
  });

  it('raising to high-risk seals the content and drops the plaintext; lowering stores plaintext again', async () => {
    const rate = ids['AURORA-RATE-250K'];
    await classifyItem(actors.sam, { itemId: rate, classification: 'high_risk', sharedWithCounterparty: false }, meta);
    const raised = (await itemRow(database.db, rate))!;
    expect(raised).toMatchObject({ classification: 'high_risk', title: null, body: null, keyId: currentMasterKeyId() });
    expect(JSON.stringify(raised)).not.toContain('AURORA-RATE-250K');
    expect((await readItem(actors.sam, rate, meta))?.title).toBe('Rate card AURORA-RATE-250K');

    await classifyItem(
      actors.sam,
      { itemId: rate, classification: 'confidential', sharedWithCounterparty: false },
      meta,
    );
    expect(await itemRow(database.db, rate)).toMatchObject({
      classification: 'confidential',
      title: 'Rate card AURORA-RATE-250K',
      sealed: null,
      keyId: null,
    });
    expect((await readItem(actors.finn, rate, meta))?.body).toContain('AURORA-RATE-250K');
  });

  it('changing only the sharing of a sealed item leaves its envelope as it was', async () => {
    const itinerary = ids['AURORA-HR-ITINERARY'];
    const before = (await itemRow(database.db, itinerary))!;
    await classifyItem(
      actors.sam,
      { itemId: itinerary, classification: 'high_risk', sharedWithCounterparty: false },
      meta,
    );
    expect((await itemRow(database.db, itinerary))!.sealed).toEqual(before.sealed);
  });
});

describe('a sealed row is bound to its record, and needs the master key', () => {
  it('an envelope copied onto another item does not open there', async () => {
    const { id } = await createItem(
      actors.sam,
      {
        projectId: aurora,
        category: 'logistics',
        classification: 'high_risk',
        sharedWithCounterparty: false,
        title: 'Decoy',
        body: 'Decoy',
        allowlistUserIds: [],
      },
      meta,
    );
    const source = (await itemRow(database.db, ids['AURORA-HR-ITINERARY']))!;
    await database.db.update(items).set({ sealed: source.sealed, keyId: source.keyId }).where(eq(items.id, id));
    await expect(readItem(actors.sam, id, meta)).rejects.toThrow();
    expect((await itemContent(database.db, ids['AURORA-HR-ITINERARY']))?.title).toContain('AURORA-HR-ITINERARY');
  });

  it('without CLEARANCE_MASTER_KEY, sealed content is not served while plaintext items still are', async () => {
    delete process.env.CLEARANCE_MASTER_KEY;
    await expect(readItem(actors.sam, ids['AURORA-HR-ITINERARY'], meta)).rejects.toThrow('CLEARANCE_MASTER_KEY');
    expect((await readItem(actors.sam, ids['AURORA-SCRIPT-V2'], meta))?.title).toContain('AURORA-SCRIPT-V2');
  });
});
