/**
 * readItem through the data-access layer, on the demo world of docs/product.md §9: every (user, item) pair answers
 * exactly as the canary table says, every answer leaves exactly one audit event, and a read whose audit
 * event cannot be written is not served (fail closed, docs/product.md §4).
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { items } from '@/db/schema';
import { DEMO_CANARIES, seedDemoWorld } from '@/db/seed/demo-world';
import type { Actor } from '@/lib/authz/types';
import { readItem } from '@/lib/dal/items/read-item';
import { DEMO_KEYS, demoActors, meta, type DemoKey } from '../helpers/actors';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { auditSince, itemIdsByCanary, lastAuditId, SEES, type Canary } from '../helpers/demo';

let database: TestDatabase;
let actors: Record<DemoKey, Actor>;
let ids: Record<Canary, string>;
let projectOf: Map<string, string>;

beforeAll(async () => {
  database = await createTestDatabase();
  await seedDemoWorld(database.db);
  actors = await demoActors(database.db);
  ids = await itemIdsByCanary(database.db);
  const rows = await database.db.select({ id: items.id, projectId: items.projectId }).from(items);
  projectOf = new Map(rows.map((r) => [r.id, r.projectId]));
});

afterAll(async () => {
  await database?.dispose();
});

describe('readItem follows the canary table of docs/product.md §9', () => {
  it.each(DEMO_KEYS)('%s reads exactly the items the table lists, and each read is audited once', async (key) => {
    const { db } = database;
    const actor = actors[key];
    const seen: Canary[] = [];
    for (const canary of DEMO_CANARIES) {
      const before = await lastAuditId(db);
      const view = await readItem(actor, ids[canary], meta);
      const allowed = SEES[key].includes(canary);
      if (allowed) {
        expect(view, `${key} should read ${canary}`).not.toBeNull();
        expect(view!.id).toBe(ids[canary]);
        expect(view!.title).toContain(canary);
        expect(view!.body).toContain(canary);
        // The answer carries this item only: no other canary leaks with it.
        const text = JSON.stringify(view);
        for (const other of DEMO_CANARIES) if (other !== canary) expect(text).not.toContain(other);
        seen.push(canary);
      } else {
        expect(view, `${key} must not read ${canary}`).toBeNull();
      }

      const events = await auditSince(db, before);
      expect(events, `one audit event for ${key} reading ${canary}`).toHaveLength(1);
      expect(events[0]).toMatchObject({
        action: 'item.read',
        outcome: allowed ? 'allowed' : 'denied',
        actorId: actor.id,
        targetType: 'item',
        targetId: ids[canary],
        projectId: projectOf.get(ids[canary]),
        ip: '203.0.113.9',
        userAgent: 'vitest',
      });
      if (allowed) expect(events[0]!.reason).toBeNull();
      else expect(events[0]!.reason).toEqual(expect.any(String));
    }
    expect(seen).toEqual([...SEES[key]]);
  });

  it('a read answers with the codename, and the real client name only to those who may know it', async () => {
    const rate = ids['AURORA-RATE-250K'];
    expect((await readItem(actors.sam, rate, meta))!.project).toMatchObject({
      codename: 'Aurora',
      clientName: 'Nova Reyes',
    });
    expect((await readItem(actors.nova, rate, meta))!.project).toMatchObject({
      codename: 'Aurora',
      clientName: 'Nova Reyes',
    });
    const finnView = await readItem(actors.finn, rate, meta);
    expect(finnView!.project).toMatchObject({ codename: 'Aurora', clientName: null });
    expect(JSON.stringify(finnView)).not.toContain('Nova Reyes');
  });

  it('a non-existent item answers null, like a denied one, and the attempt is audited as denied', async () => {
    const { db } = database;
    const missing = randomUUID();
    for (const key of ['sam', 'ada', 'nova'] as const) {
      const before = await lastAuditId(db);
      expect(await readItem(actors[key], missing, meta)).toBeNull();
      const events = await auditSince(db, before);
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({
        action: 'item.read',
        outcome: 'denied',
        actorId: actors[key].id,
        targetId: missing,
        projectId: null,
        ip: '203.0.113.9',
      });
    }
  });

  it('the answer to a missing item is indistinguishable from the answer to a denied one', async () => {
    const denied = await readItem(actors.finn, ids['AURORA-CALLNOTES'], meta);
    const missing = await readItem(actors.finn, randomUUID(), meta);
    expect(denied).toBeNull();
    expect(missing).toBeNull();
  });
});

describe('fail closed: a read whose audit event cannot be written is not served', () => {
  async function withAuditBlocked<T>(work: () => Promise<T>): Promise<T> {
    const { db } = database;
    // NOT VALID: existing rows are not checked, every new row is refused.
    await db.execute(sql.raw('alter table audit_events add constraint audit_block check (false) not valid'));
    try {
      return await work();
    } finally {
      await db.execute(sql.raw('alter table audit_events drop constraint if exists audit_block'));
    }
  }

  it('an allowed read throws and hands out no content when the audit insert fails', async () => {
    const { db } = database;
    const rate = ids['AURORA-RATE-250K'];
    const before = await lastAuditId(db);
    let answer: unknown = undefined;
    let failure: unknown = undefined;
    await withAuditBlocked(async () => {
      try {
        answer = await readItem(actors.sam, rate, meta);
      } catch (error) {
        failure = error;
      }
    });
    expect(failure).toBeDefined();
    // It is the audit insert that failed, and the read failed with it.
    expect(String(failure)).toContain('audit_events');
    expect(answer).toBeUndefined();
    expect(JSON.stringify(failure ?? null)).not.toContain('AURORA-RATE-250K');
    expect(await auditSince(db, before)).toHaveLength(0);

    // Restored, the same read is served and audited again.
    const view = await readItem(actors.sam, rate, meta);
    expect(view?.title).toContain('AURORA-RATE-250K');
    expect(await auditSince(db, before)).toHaveLength(1);
  });

  it('a client reading their own high-risk item is refused too while the audit log is unwritable', async () => {
    const itinerary = ids['AURORA-HR-ITINERARY'];
    await withAuditBlocked(async () => {
      await expect(readItem(actors.nova, itinerary, meta)).rejects.toThrow();
    });
    expect((await readItem(actors.nova, itinerary, meta))?.body).toContain('AURORA-HR-ITINERARY');
  });
});
