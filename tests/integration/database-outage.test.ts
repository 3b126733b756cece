/**
 * Database outages, through a TCP proxy on loopback between the app's client and PostgreSQL (issue 17,
 * points 1-2): while the database is cut or partitioned, no query waits past the deadline and each fails
 * as "database unavailable"; the first query after the database returns succeeds; an instance that opened
 * while the database was away becomes ready by itself (the failed attempt is not kept).
 * PostgreSQL only: PGlite runs inside the process, there is no connection to cut.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { database, fromPostgresUrl, useDatabase, type Database } from '@/db/client';
import { withActor } from '@/lib/dal/transaction';
import { isDatabaseUnavailable } from '@/lib/errors';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { startTcpProxy, type TcpProxy } from '../helpers/tcp-proxy';

const onPostgres = process.env.TEST_DATABASE === 'postgres';
const DEADLINE_MS = 1500;
// What "no hang" means here: the deadline plus scheduling slack on a loaded two-core machine.
const LONGEST_MS = DEADLINE_MS + 1500;

const timeouts = { connectMs: 1000, statementMs: 1000, idleInTransactionMs: 3000, deadlineMs: DEADLINE_MS };

/** How a query ended and how long it took. */
async function timed(work: () => Promise<unknown>): Promise<{ ms: number; outcome: 'ok' | 'unavailable' | string }> {
  const started = Date.now();
  try {
    await work();
    return { ms: Date.now() - started, outcome: 'ok' };
  } catch (error) {
    return {
      ms: Date.now() - started,
      outcome: isDatabaseUnavailable(error) ? 'unavailable' : String((error as Error).name),
    };
  }
}

describe.skipIf(!onPostgres)('database outages (PostgreSQL through a TCP proxy)', () => {
  let target: TestDatabase;
  let proxy: TcpProxy;
  let app: Database;
  const holder = globalThis as unknown as { __clearanceDb?: Database; __clearanceReady?: Promise<Database> };

  const inTransaction = () => withActor(null, ({ tx }) => tx.execute(sql`select 1`));
  const single = () => app.db.execute(sql`select 1`);

  beforeAll(async () => {
    target = await createTestDatabase();
    const url = new URL(target.url!);
    proxy = await startTcpProxy({ host: url.hostname, port: Number(url.port || 5432) });
    url.hostname = '127.0.0.1';
    url.port = String(proxy.port);
    app = fromPostgresUrl(url.toString(), { max: 4, timeouts });
    useDatabase(app);
  });

  afterAll(async () => {
    await app?.close().catch(() => {});
    await proxy?.close();
    await target?.dispose();
  });

  it('serves through the proxy', async () => {
    expect((await timed(inTransaction)).outcome).toBe('ok');
    expect((await timed(single)).outcome).toBe('ok');
  });

  for (const mode of ['reset', 'blackhole'] as const) {
    it(`a ${mode === 'reset' ? 'cut' : 'partition'}: every query fails as unavailable within the deadline; the first after it returns succeeds`, async () => {
      await Promise.all([inTransaction(), single()]); // connections open and idle in the pool
      proxy.cut(mode);
      const during = await Promise.all(
        [...Array.from({ length: 4 }, inTransaction), ...Array.from({ length: 4 }, single)].map((w) => timed(() => w)),
      );
      for (const result of during) {
        expect(result.outcome).toBe('unavailable');
        expect(result.ms).toBeLessThan(LONGEST_MS);
      }
      // Still cut a moment later: fails fast again (no query queued behind a dead connection for good).
      const again = await timed(inTransaction);
      expect(again.outcome).toBe('unavailable');
      expect(again.ms).toBeLessThan(LONGEST_MS);

      proxy.restore();
      const first = await timed(inTransaction);
      expect(first.outcome).toBe('ok');
      expect(first.ms).toBeLessThan(LONGEST_MS);
      expect((await timed(single)).outcome).toBe('ok');
    });
  }

  it('a transaction answered "unavailable" at its deadline never commits later, when a connection frees up', async () => {
    await target.db.execute(sql`create table if not exists outage_probe (mark text)`);
    // One connection: a transaction of five 0.3 s statements holds it past a 1 s deadline; an insert queued
    // behind it is answered "unavailable" at 1 s and would otherwise run, and commit, at about 1.2 s.
    const url = new URL(target.url!);
    url.hostname = '127.0.0.1';
    url.port = String(proxy.port);
    const single = fromPostgresUrl(url.toString(), { max: 1, timeouts: { ...timeouts, deadlineMs: 1000 } });
    try {
      await single.db.execute(sql`select 1`);
      const holder = timed(() =>
        single.db.transaction(async (tx) => {
          for (let i = 0; i < 5; i++) await tx.execute(sql`select pg_sleep(0.3)`);
        }),
      );
      const insert = await timed(() =>
        single.db.transaction((tx) => tx.execute(sql`insert into outage_probe values ('late')`)),
      );
      expect(insert.outcome).toBe('unavailable');
      expect((await holder).outcome).toBe('unavailable');
      await new Promise((resolve) => setTimeout(resolve, 1000));
      const rows = await target.db.execute(sql`select count(*)::int as n from outage_probe`);
      expect((rows as unknown as { n: number }[])[0]?.n).toBe(0);
      expect((await timed(() => single.db.execute(sql`select 1`))).outcome).toBe('ok');
    } finally {
      await single.close();
    }
  });

  it('an instance that opens while the database is away is not ready, then becomes ready by itself', async () => {
    proxy.cut('reset');
    holder.__clearanceDb = app;
    holder.__clearanceReady = undefined;
    const refused = await timed(() => database());
    expect(refused.outcome).toBe('unavailable');
    expect(refused.ms).toBeLessThan(LONGEST_MS);
    // The failure is not kept: the next attempt tries again (and fails again while the database is away).
    expect((await timed(() => database())).outcome).toBe('unavailable');

    proxy.restore();
    expect((await timed(() => database())).outcome).toBe('ok'); // migrations found current, role checked
    expect((await timed(inTransaction)).outcome).toBe('ok');
  });
});
