/**
 * Master-key rotation (docs/product.md §6 "rotatable"; `npm run keys:rotate`): data keys are re-wrapped under the new
 * master key in batches, each its own transaction, so a run stopped part-way (or failing mid-batch) resumes
 * where it left off; at the end everything reads with the new key alone and the ciphertexts never changed.
 */
import { randomUUID } from 'node:crypto';
import { eq, isNotNull, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '@/db/client';
import { allowlistEntries, auditEvents, events, fileChunks, files, fileVersions, items } from '@/db/schema';
import { DEMO_PASSWORD_DEFAULT, DEMO_SECRETS, seedDemoWorld } from '@/db/seed/demo-world';
import type { Actor } from '@/lib/authz/types';
import { generateMasterKey, open, seal, type Sealed } from '@/lib/crypto/envelope';
import { contentColumns } from '@/lib/crypto/item-content';
import { readVersion } from '@/lib/dal/files/read-version';
import { storeFile } from '@/lib/dal/files/store-file';
import { readEvent } from '@/lib/dal/events/read-event';
import { readItem } from '@/lib/dal/items/read-item';
import { updateItem } from '@/lib/dal/items/update-item';
import { rotateMasterKey, SEALED_TARGETS } from '@/lib/dal/keys/rotate-master-key';
import { readMyProfile } from '@/lib/dal/profiles/read-my-profile';
import { revealSecret } from '@/lib/dal/credentials/reveal-secret';
import { DEMO_EMAILS, demoActors, meta, type DemoKey } from '../helpers/actors';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { itemIdsByCanary, type Canary } from '../helpers/demo';

let database: TestDatabase;
let actors: Record<DemoKey, Actor>;
let ids: Record<Canary, string>;
let aurora: string;
const original = { current: process.env.CLEARANCE_MASTER_KEY, previous: process.env.CLEARANCE_PREVIOUS_MASTER_KEYS };
const OLD_KEY = process.env.CLEARANCE_MASTER_KEY!;
const NEW_KEY = generateMasterKey();
const EXTRA = 9;
/** Extra high-risk items, so the rotation takes several batches; one is written in plaintext, as before encryption. */
const extraIds: string[] = [];
let legacyId: string;
/** A file stored under the old key (issue 13): its name and data key are re-wrapped, its chunks untouched. */
const FILE_BYTES = Buffer.concat([
  Buffer.from('%PDF-1.7\n% ROTATION-FILE-CANARY\n'),
  Buffer.alloc(1024 * 1024 + 500, 7),
]);
let file: { fileId: string; versionId: string };
let fileChunksBefore: string[];

const useKeys = (current: string, previous: string[] = []) => {
  process.env.CLEARANCE_MASTER_KEY = current;
  process.env.CLEARANCE_PREVIOUS_MASTER_KEYS = previous.join(',');
};

const sealedRows = () =>
  database.db
    .select({ id: items.id, keyId: items.keyId, sealed: items.sealed, secretSealed: items.secretSealed })
    .from(items)
    .where(isNotNull(items.keyId));

/** Key ids of the envelopes in the other sealed tables of SEALED_TARGETS this database has. */
async function otherEnvelopeKeys(): Promise<string[]> {
  const kids: string[] = [];
  for (const target of SEALED_TARGETS.filter((t) => t.table !== 'items')) {
    const [present] = rowsOf<{ ok: boolean }>(
      await database.db.execute(sql`select to_regclass(${target.table}) is not null as ok`),
    );
    if (!present?.ok) continue;
    for (const column of target.columns) {
      const rows = rowsOf<{ kid: string | null }>(
        await database.db.execute(
          sql`select ${sql.identifier(column)}::jsonb ->> 'kid' as kid from ${sql.identifier(target.table)}`,
        ),
      );
      kids.push(...rows.flatMap((r) => (r.kid ? [r.kid] : [])));
    }
  }
  return kids;
}

beforeAll(async () => {
  useKeys(OLD_KEY);
  database = await createTestDatabase();
  aurora = (await seedDemoWorld(database.db)).projects.aurora;
  actors = await demoActors(database.db);
  ids = await itemIdsByCanary(database.db);
  const authorId = actors.sam.id;
  for (let i = 0; i < EXTRA; i++) {
    const id = randomUUID();
    extraIds.push(id);
    const content = { title: `Extra ${i} EXTRA-HR-${i}`, body: `Body EXTRA-HR-${i}` };
    await database.db.insert(items).values({
      id,
      projectId: aurora,
      category: 'logistics',
      classification: 'high_risk',
      authorId,
      ...contentColumns(id, content, true),
    });
  }
  legacyId = randomUUID();
  await database.db.insert(items).values({
    id: legacyId,
    projectId: aurora,
    category: 'logistics',
    classification: 'high_risk',
    authorId,
    title: 'Legacy LEGACY-HR',
    body: 'Written before encryption LEGACY-HR',
  });
  await database.db.insert(allowlistEntries).values(
    [...extraIds, legacyId].map((itemId) => ({
      userId: authorId,
      itemId,
      reason: 'Author of the item',
      grantedBy: authorId,
    })),
  );
  file = await storeFile(actors.sam, { itemId: ids['AURORA-RATE-250K'], name: 'rotation.pdf', data: FILE_BYTES });
  fileChunksBefore = await chunkBytes();
});

const chunkBytes = async () =>
  rowsOf<{ d: string }>(
    await database.db.execute(sql`select encode(data, 'hex') as d from file_chunks order by blob_key, idx`),
  ).map((r) => r.d);

async function readFileBack(actor: Actor): Promise<Buffer> {
  const found = await readVersion(actor, file.versionId);
  const parts: Buffer[] = [];
  for await (const p of found!.stream) parts.push(p as Buffer);
  return Buffer.concat(parts);
}

afterAll(async () => {
  process.env.CLEARANCE_MASTER_KEY = original.current;
  if (original.previous === undefined) delete process.env.CLEARANCE_PREVIOUS_MASTER_KEYS;
  else process.env.CLEARANCE_PREVIOUS_MASTER_KEYS = original.previous;
  await database?.dispose();
});

describe('rotating the master key', () => {
  let before: Awaited<ReturnType<typeof sealedRows>>;
  let newKeyId: string;

  it('a run limited to two batches stops part-way; the application reads everything meanwhile', async () => {
    before = await sealedRows();
    expect(before.length).toBe(4 + EXTRA); // the demo's three high-risk items (with Nova's passport), its credentials, the extra ones
    useKeys(NEW_KEY, [OLD_KEY]);
    const first = await rotateMasterKey(database.db, { batchSize: 4, maxBatches: 2 });
    newKeyId = first.keyId;
    // The legacy plaintext row is sealed first (one batch), then one batch of re-wrapping.
    expect(first).toMatchObject({
      sealed: 1,
      rewrapped: 4,
      batches: 2,
      remaining: before.length - 4 + (await otherEnvelopeKeys()).length,
    });
    const rows = await sealedRows();
    expect(rows.filter((r) => r.keyId === newKeyId)).toHaveLength(5);
    for (const row of rows) {
      expect(row.sealed?.kid).toBe(row.keyId);
      if (row.secretSealed) expect(row.secretSealed.kid).toBe(row.keyId);
    }
    expect((await readItem(actors.sam, ids['AURORA-HR-ITINERARY'], meta))?.title).toContain('AURORA-HR-ITINERARY');
    expect((await readItem(actors.oscar, ids['BOREALIS-HR-SECURITY'], meta))?.body).toContain('BOREALIS-HR-SECURITY');
  });

  it('a batch that fails part-way (a row under an unknown key) changes nothing of that batch', async () => {
    const strangerKey = generateMasterKey();
    useKeys(strangerKey);
    const strangerId = randomUUID();
    await database.db.insert(items).values({
      id: strangerId,
      projectId: aurora,
      category: 'logistics',
      classification: 'high_risk',
      authorId: actors.sam.id,
      ...contentColumns(strangerId, { title: 'Stranger', body: 'Stranger' }, true),
    });
    useKeys(NEW_KEY, [OLD_KEY]);
    const stale = (await sealedRows()).filter((r) => r.keyId !== newKeyId).length;
    await expect(rotateMasterKey(database.db, { batchSize: 100 })).rejects.toThrow(
      /neither CLEARANCE_MASTER_KEY nor in CLEARANCE_PREVIOUS_MASTER_KEYS/,
    );
    expect((await sealedRows()).filter((r) => r.keyId !== newKeyId)).toHaveLength(stale);
    await database.db.delete(items).where(eq(items.id, strangerId));
  });

  it('the application keeps writing during the rotation: an edit seals under the new key, with its secret re-wrapped', async () => {
    const credentials = ids['AURORA-CREDENTIALS'];
    await updateItem(
      actors.nova,
      {
        itemId: credentials,
        title: 'Instagram login AURORA-CREDENTIALS',
        body: 'Edited mid-rotation AURORA-CREDENTIALS',
      },
      meta,
    );
    const [row] = await database.db.select().from(items).where(eq(items.id, credentials));
    expect(row).toMatchObject({ keyId: newKeyId });
    expect(row!.secretSealed?.kid).toBe(newKeyId);
  });

  it('run again, it resumes and completes; the ciphertexts are the ones written before', async () => {
    const report = await rotateMasterKey(database.db, { batchSize: 4 });
    expect(report.remaining).toBe(0);
    expect(report.sealed).toBe(0);
    const rows = await sealedRows();
    expect(rows.every((r) => r.keyId === newKeyId && r.sealed?.kid === newKeyId)).toBe(true);
    // The other sealed data the application keeps (two-factor secrets, pending exports) moved too.
    expect((await otherEnvelopeKeys()).filter((kid) => kid !== newKeyId)).toEqual([]);
    for (const old of before) {
      const now = rows.find((r) => r.id === old.id)!;
      if (old.id === ids['AURORA-CREDENTIALS']) continue; // edited above: new content, new data key
      expect(now.sealed?.ct).toBe(old.sealed?.ct);
      expect(now.sealed?.wk).not.toBe(old.sealed?.wk);
    }
    // Files: the name and data key envelopes moved to the new key; the encrypted chunks are byte for byte the same.
    const [v] = await database.db.select().from(fileVersions).where(eq(fileVersions.id, file.versionId));
    const [f] = await database.db.select().from(files).where(eq(files.id, file.fileId));
    expect([v!.keyId, v!.dataKey.kid, f!.keyId, f!.nameSealed.kid]).toEqual([newKeyId, newKeyId, newKeyId, newKeyId]);
    expect(await chunkBytes()).toEqual(fileChunksBefore);
    expect(await database.db.select({ n: fileChunks.idx }).from(fileChunks)).not.toHaveLength(0);
    // Nothing left to do: a further run changes nothing.
    expect(await rotateMasterKey(database.db)).toMatchObject({ rewrapped: 0, sealed: 0, batches: 0, remaining: 0 });
    const [event] = await database.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.action, 'keys.rotate'))
      .orderBy(auditEvents.id)
      .limit(1);
    expect(event).toMatchObject({ outcome: 'allowed', details: { keyId: newKeyId, rewrapped: 4, sealed: 1 } });
  });

  it('with only the new key configured, every sealed item reads and the vault still reveals', async () => {
    useKeys(NEW_KEY);
    expect((await readItem(actors.sam, ids['AURORA-HR-ITINERARY'], meta))?.title).toBe(
      'Travel itinerary AURORA-HR-ITINERARY',
    );
    expect((await readItem(actors.kai, ids['BOREALIS-HR-SECURITY'], meta))?.title).toBe(
      'Security arrangements BOREALIS-HR-SECURITY',
    );
    expect((await readItem(actors.sam, legacyId, meta))?.body).toBe('Written before encryption LEGACY-HR');
    for (const [i, id] of extraIds.entries())
      expect((await readItem(actors.sam, id, meta))?.title).toBe(`Extra ${i} EXTRA-HR-${i}`);
    const value = await revealSecret(
      { ...actors.sam, email: DEMO_EMAILS.sam },
      { itemId: ids['AURORA-CREDENTIALS'], credential: DEMO_PASSWORD_DEFAULT, reason: 'Checking the rotation' },
      meta,
    );
    expect(value).toBe(DEMO_SECRETS[0]);
    expect((await readFileBack(actors.finn)).equals(FILE_BYTES)).toBe(true);
    // Events and profiles (issue 14): the launch's venue and a guest's dietary needs, Nova's sealed rates.
    const [launch] = await database.db.select({ id: events.id }).from(events);
    const event = await readEvent(actors.sam, launch!.id, meta);
    expect(event?.venue?.venue).toContain('AURORA-EVENT-VENUE');
    expect(event?.guests.map((g) => g.needs?.dietary ?? '').join(' ')).toContain('AURORA-DIET-NEEDS');
    const nova = await readMyProfile(actors.nova);
    expect(nova?.fields.find((f) => f.field === 'rates')?.value).toContain('NOVA-RATES');
  });

  it('every sealed event part, guest need and profile field moved to the new key', async () => {
    for (const table of ['event_venues', 'guest_needs', 'profile_fields']) {
      const rows = rowsOf<{ key_id: string; kid: string }>(
        await database.db.execute(
          sql`select key_id, sealed ->> 'kid' as kid from ${sql.identifier(table)} where sealed is not null`,
        ),
      );
      expect(rows.length, table).toBeGreaterThan(0);
      expect(
        rows.every((r) => r.key_id === newKeyId && r.kid === newKeyId),
        table,
      ).toBe(true);
    }
  });

  it('the old key alone opens nothing any more', async () => {
    useKeys(OLD_KEY);
    await expect(readItem(actors.sam, ids['AURORA-HR-ITINERARY'], meta)).rejects.toThrow('not configured');
    await expect(readFileBack(actors.sam)).rejects.toThrow('not configured');
    await expect(readMyProfile(actors.nova)).rejects.toThrow('not configured');
  });
});

describe('the table/column list is open to other sealed data', () => {
  it("a target without a key-id column (jsonb or text envelopes) is found by each envelope's own key id", async () => {
    const { db } = database;
    await db.execute(sql.raw('create table rotation_probe (id uuid primary key, a jsonb, b text)'));
    useKeys(OLD_KEY);
    const rows = [randomUUID(), randomUUID()].map((id, i) => ({
      id,
      a: seal(`probe-a-${i}`, `probe:${id}`),
      b: i === 0 ? seal(`probe-b-${i}`, `probe:${id}`) : null,
    }));
    for (const row of rows) {
      await db.execute(
        sql`insert into rotation_probe values (${row.id}, ${JSON.stringify(row.a)}::jsonb, ${row.b ? JSON.stringify(row.b) : null})`,
      );
    }
    useKeys(NEW_KEY, [OLD_KEY]);
    const probe = { table: 'rotation_probe', id: 'id', columns: ['a', 'b'] } as const;
    const report = await rotateMasterKey(db, {
      targets: [probe, { table: 'no_such_table', id: 'id', columns: ['x'] }],
      batchSize: 1,
    });
    expect(report).toMatchObject({ rewrapped: 2, remaining: 0 });
    useKeys(NEW_KEY);
    const stored = rowsOf<{ id: string; a: Sealed | string; b: string | null }>(
      await db.execute(sql`select id, a, b from rotation_probe`),
    );
    for (const [i, row] of rows.entries()) {
      const now = stored.find((r) => r.id === row.id)!;
      const a = (typeof now.a === 'string' ? JSON.parse(now.a) : now.a) as Sealed;
      expect(open(a, `probe:${row.id}`)).toBe(`probe-a-${i}`);
      if (row.b) expect(open(JSON.parse(now.b!) as Sealed, `probe:${row.id}`)).toBe(`probe-b-${i}`);
      else expect(now.b).toBeNull();
    }
    await db.execute(sql.raw('drop table rotation_probe'));
  });
});
