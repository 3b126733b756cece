/**
 * The audit log is a hash chain: `npm run audit:verify` (verifyAuditChain) names the first broken link when
 * rows are edited, deleted or reordered directly in the database, bypassing the application.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf, type Executor } from '@/db/client';
import { seedDemoWorld } from '@/db/seed/demo-world';
import { verifyAuditChain, type ChainReport } from '@/lib/dal/audit/verify-audit-chain';
import { readItem } from '@/lib/dal/items/read-item';
import { listVisibleProjects } from '@/lib/dal/projects/list-visible-projects';
import { demoActors, meta } from '../helpers/actors';
import { createTestDatabase, type TestDatabase } from '../helpers/database';

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
  await seedDemoWorld(database.db);
  const actors = await demoActors(database.db);
  // Some history: reads allowed and denied by several people.
  const items = rowsOf<{ id: string }>(await database.db.execute(sql`select id from items order by ref`));
  for (const actor of [actors.sam, actors.finn, actors.nina, actors.nova]) {
    for (const item of items.slice(0, 5)) await readItem(actor, item.id, meta);
  }
});
afterAll(async () => database?.dispose());

/** Tampers as the table owner with the append-only trigger off, verifies, and rolls everything back. */
async function verifyAfterTampering(tamper: (tx: Executor) => Promise<unknown>): Promise<ChainReport> {
  let report: ChainReport | undefined;
  await database.db
    .transaction(async (tx) => {
      await tx.execute(sql`alter table audit_events disable trigger audit_events_append_only`);
      await tamper(tx);
      report = await verifyAuditChain(tx);
      throw new Error('rollback');
    })
    .catch((error: unknown) => {
      if (!(error instanceof Error && error.message === 'rollback')) throw error;
    });
  return report!;
}

describe('the audit chain', () => {
  it('verifies intact, numbered 1..n in order, each event linked to the one before', async () => {
    const report = await verifyAuditChain(database.db);
    expect(report).toMatchObject({ ok: true, events: 20 });
  });

  it('catches an edited event', async () => {
    const report = await verifyAfterTampering((tx) =>
      tx.execute(sql`update audit_events set reason = 'edited afterwards' where seq = 7`),
    );
    expect(report).toMatchObject({ ok: false, brokenAt: { seq: 7 }, problem: 'content does not match its hash' });
  });

  it('catches an edit that also recomputes the edited event’s own hash', async () => {
    const report = await verifyAfterTampering(async (tx) => {
      await tx.execute(sql`update audit_events set reason = 'nothing to see' where seq = 7`);
      await tx.execute(sql`update audit_events a set hash = audit_event_hash(a) where seq = 7`);
    });
    // Event 7 is self-consistent again, but event 8 still links to the original.
    expect(report).toMatchObject({ ok: false, brokenAt: { seq: 8 }, problem: 'links to a different previous event' });
  });

  it('catches a deleted event', async () => {
    const report = await verifyAfterTampering((tx) => tx.execute(sql`delete from audit_events where seq = 5`));
    expect(report).toMatchObject({ ok: false, brokenAt: { seq: 6 }, problem: 'event 5 is missing' });
  });

  it('catches reordered events', async () => {
    const report = await verifyAfterTampering(async (tx) => {
      await tx.execute(sql`update audit_events set seq = -1 where seq = 3`);
      await tx.execute(sql`update audit_events set seq = 3 where seq = 4`);
      await tx.execute(sql`update audit_events set seq = 4 where seq = -1`);
    });
    expect(report).toMatchObject({ ok: false, brokenAt: { seq: 3 } });
  });

  it('keeps one unbroken chain when many requests write at once', async () => {
    const actors = await demoActors(database.db);
    const items = rowsOf<{ id: string }>(await database.db.execute(sql`select id from items`));
    await Promise.all(
      Array.from({ length: 24 }, (_, i) =>
        i % 2
          ? readItem(actors.oscar, items[i % items.length]!.id, meta)
          : listVisibleProjects(actors.kai).then(() => readItem(actors.kai, items[i % items.length]!.id, meta)),
      ),
    );
    const report = await verifyAuditChain(database.db);
    expect(report).toMatchObject({ ok: true, events: 20 + 24 });
  });
});
