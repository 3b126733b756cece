/**
 * Every table is under row-level security, or on the short, commented list of tables that hold nothing confidential.
 * A new table fails here until it declares its policies (pgPolicy with appRole, db/schema/roles.ts, and FORCE ROW
 * LEVEL SECURITY added by hand to its migration) or is added below with the reason it needs none.
 * What each policy lets each person do is checked by rls-probe.test.ts.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '@/db/client';
import { createTestDatabase, type TestDatabase } from '../helpers/database';

/**
 * Tables with no row-level security, and why. Each holds nothing about a person, a client or a project; the
 * application role's privileges on them are what limit it. Keep this list short: when in doubt, add policies.
 */
export const RLS_EXEMPT: Record<string, string> = {
  // None: every table in schema public is under row-level security. (Outside public, the migration journal
  // drizzle.__drizzle_migrations and pg-boss's queue tables are out of the application role's reach: see the last
  // test.)
};

type TableState = { name: string; enabled: boolean; forced: boolean; policies: number; commands: string[] };

let database: TestDatabase;
let tables: TableState[];

beforeAll(async () => {
  database = await createTestDatabase();
  tables = rowsOf<TableState>(
    await database.db.execute(sql`
      select c.relname as name, c.relrowsecurity as enabled, c.relforcerowsecurity as forced,
        (select count(*)::int from pg_policy p where p.polrelid = c.oid) as policies,
        coalesce((select array_agg(distinct p.polcmd::text order by p.polcmd::text) from pg_policy p where p.polrelid = c.oid), '{}') as commands
      from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'public' and c.relkind in ('r', 'p')
      order by c.relname`),
  );
});
afterAll(async () => database?.dispose());

describe('row-level security covers every table', () => {
  it('finds the tables', () => {
    expect(tables.length).toBeGreaterThan(30);
  });

  it('every table not on the exempt list has row-level security enabled and forced, with policies', () => {
    const uncovered = tables
      .filter((t) => !(t.name in RLS_EXEMPT))
      .filter((t) => !t.enabled || !t.forced || t.policies === 0)
      .map(
        (t) =>
          `${t.name}: ${[!t.enabled && 'not enabled', !t.forced && 'not forced', t.policies === 0 && 'no policy'].filter(Boolean).join(', ')}`,
      );
    expect(
      uncovered,
      'declare pgPolicy (to appRole) in the schema and FORCE ROW LEVEL SECURITY in the migration',
    ).toEqual([]);
  });

  it('every policy is for the application role (none left to PUBLIC)', async () => {
    const loose = rowsOf<{ table: string; policy: string }>(
      await database.db.execute(sql`
        select c.relname as table, p.polname as policy
        from pg_policy p join pg_class c on c.oid = p.polrelid join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = 'public' and not (p.polroles @> array[(select oid from pg_roles where rolname = 'clearance_app')])`),
    );
    expect(loose).toEqual([]);
  });

  it('every exempt table exists', () => {
    for (const name of Object.keys(RLS_EXEMPT))
      expect(
        tables.map((t) => t.name),
        name,
      ).toContain(name);
  });

  it('outside schema public, the application role has no privilege on any table', async () => {
    const reachable = rowsOf<{ name: string }>(
      await database.db.execute(sql`
        select n.nspname || '.' || c.relname as name
        from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where c.relkind in ('r', 'p', 'v', 'm') and n.nspname not in ('public', 'pg_catalog', 'information_schema') and n.nspname not like 'pg\_%'
          and has_table_privilege('clearance_app', c.oid, 'SELECT, INSERT, UPDATE, DELETE')`),
    );
    expect(reachable).toEqual([]);
  });
});
