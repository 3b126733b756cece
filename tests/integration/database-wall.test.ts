/**
 * The database as a second wall: the application role under row-level security, whatever the application
 * code asks. Raw SQL here, no DAL filter: only the database's own policies stand between the query and the data.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertApplicationRole, rowsOf, type Tx } from '@/db/client';
import { DEMO_CANARIES, seedDemoWorld } from '@/db/seed/demo-world';
import { createTestDatabase, type TestDatabase } from '../helpers/database';

let database: TestDatabase;
let ids: Awaited<ReturnType<typeof seedDemoWorld>>;

beforeAll(async () => {
  database = await createTestDatabase();
  ids = await seedDemoWorld(database.db);
});
afterAll(async () => database?.dispose());

const CONFIDENTIAL_TABLES = ['projects', 'items', 'memberships', 'allowlist_entries', 'audit_events'] as const;

/** Runs `work` as the application role with `userId` acting (or nobody), then rolls back. */
async function asApp<T>(userId: string, work: (tx: Tx) => Promise<T>): Promise<T> {
  let result: T | undefined;
  await database.db
    .transaction(async (tx) => {
      await tx.execute(sql`select set_config('app.user_id', ${userId}, true), set_config('role', 'clearance_app', true)`);
      result = await work(tx);
      throw new Error('rollback');
    })
    .catch((error: unknown) => {
      if (!(error instanceof Error && error.message === 'rollback')) throw error;
    });
  return result as T;
}

const count = async (tx: Tx, table: string) => rowsOf<{ n: number }>(await tx.execute(sql.raw(`select count(*)::int as n from ${table}`)))[0]!.n;

describe('row-level security', () => {
  it('with no acting user set, the confidential tables return nothing', async () => {
    for (const table of CONFIDENTIAL_TABLES) {
      expect(await asApp('', (tx) => count(tx, table)), table).toBe(0);
    }
    // …while the rows are there (the owner's connection sees them).
    expect(rowsOf<{ n: number }>(await database.db.execute(sql`select count(*)::int as n from items`))[0]!.n).toBe(DEMO_CANARIES.length);
  });

  it('the metadata directories show nothing without an acting user either', async () => {
    expect(await asApp('', (tx) => count(tx, 'item_directory'))).toBe(0);
    expect(await asApp('', (tx) => count(tx, 'project_directory'))).toBe(0);
  });

  it('the admin reads no item and no project row, only the content-free directories', async () => {
    const admin = ids.userIds.ada;
    expect(await asApp(admin, (tx) => count(tx, 'items'))).toBe(0);
    expect(await asApp(admin, (tx) => count(tx, 'projects'))).toBe(0);
    expect(await asApp(admin, (tx) => count(tx, 'item_directory'))).toBe(DEMO_CANARIES.length);
    const columns = await asApp(admin, async (tx) => Object.keys(rowsOf<Record<string, unknown>>(await tx.execute(sql`select * from item_directory limit 1`))[0]!));
    expect(columns).not.toContain('title');
    expect(columns).not.toContain('body');
  });

  it('a staff member reads exactly the rows of their scopes', async () => {
    const titles = await asApp(ids.userIds.finn, async (tx) => rowsOf<{ title: string }>(await tx.execute(sql`select title from items order by title`)).map((r) => r.title));
    expect(titles.join(' ')).toContain('AURORA-RATE-250K');
    expect(titles.join(' ')).toContain('AURORA-DELIVERABLES');
    expect(titles).toHaveLength(2);
  });

  it('a disabled user is nobody to the database', async () => {
    await database.db.execute(sql`update users set disabled_at = now() where id = ${ids.userIds.sam}`);
    try {
      expect(await asApp(ids.userIds.sam, (tx) => count(tx, 'items'))).toBe(0);
    } finally {
      await database.db.execute(sql`update users set disabled_at = null where id = ${ids.userIds.sam}`);
    }
  });

  it('only an administrator may write grants, even through raw SQL', async () => {
    const attempt = asApp(ids.userIds.sam, (tx) =>
      tx.execute(sql`insert into memberships (user_id, project_id, role) values (${ids.userIds.nina}, ${ids.projects.aurora}, 'lead')`),
    );
    await expect(attempt).rejects.toThrow();
    const revoke = await asApp(ids.userIds.sam, async (tx) =>
      rowsOf(await tx.execute(sql`update memberships set revoked_at = now() where project_id = ${ids.projects.aurora} returning id`)).length,
    );
    expect(revoke).toBe(0);
  });

  it('nobody can change or delete audit events through the application role', async () => {
    const admin = ids.userIds.ada;
    await database.db.execute(sql`insert into audit_events (actor_id, action, target_type, outcome) values (${admin}, 'test.event', 'user', 'allowed')`);
    expect(await asApp(admin, (tx) => count(tx, 'audit_events'))).toBeGreaterThan(0);
    await expect(asApp(admin, (tx) => tx.execute(sql`update audit_events set reason = 'rewritten'`))).rejects.toThrow();
    await expect(asApp(admin, (tx) => tx.execute(sql`delete from audit_events`))).rejects.toThrow();
    await expect(asApp(admin, (tx) => tx.execute(sql`truncate audit_events`))).rejects.toThrow();
    // The table owner is stopped by the trigger too.
    await expect(database.db.execute(sql`update audit_events set reason = 'rewritten'`)).rejects.toThrow();
  });
});

describe('start-up check', () => {
  it('accepts the application role as migrated', async () => {
    await expect(assertApplicationRole(database.db)).resolves.toBeUndefined();
  });

  it('refuses a role that bypasses row-level security', async () => {
    await expect(
      database.db.transaction(async (tx) => {
        await tx.execute(sql`alter role clearance_app bypassrls`);
        await assertApplicationRole(tx as never);
      }),
    ).rejects.toThrow('Refusing to start');
  });
});
