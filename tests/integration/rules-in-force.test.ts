/**
 * The rule in force is the rule declared (issue 11 point 6). On a freshly migrated database:
 * - every row-level security policy in schema public is declared with its table in db/schema (pgPolicy), and each
 *   declaration is exactly the policy in force: its command, role and expressions, compared as PostgreSQL itself
 *   normalizes them (the declaration is created beside the real one in a transaction rolled back);
 * - every function in schema public is defined in db/functions.sql, once, and applying the file again changes no
 *   function's definition, privileges or settings: what the file says is what runs.
 * So reading a rule means reading db/schema (and lib/authz/predicates.ts, which both the policies and the SQL twin
 * use) and db/functions.sql; no migration holds a version still in force that these files do not.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { is, sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import { getTableConfig, PgDialect, PgTable } from 'drizzle-orm/pg-core';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf, type Tx } from '@/db/client';
import { applyFunctions, functionsSql, pgliteRunner, postgresRunner } from '@/db/functions';
import * as schema from '@/db/schema';
import { createTestDatabase, type TestDatabase } from '../helpers/database';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => database?.dispose());

type PolicyRow = {
  table: string;
  name: string;
  cmd: string;
  permissive: string;
  roles: string;
  qual: string | null;
  with_check: string | null;
};

const dialect = new PgDialect();
const text = (expression: unknown) => (expression ? dialect.sqlToQuery(expression as never).sql : null);

/** Every pgPolicy of db/schema, with its table. */
function declaredPolicies() {
  const declared: {
    table: string;
    name: string;
    for: string;
    as: string;
    to: string[];
    using: string | null;
    withCheck: string | null;
  }[] = [];
  for (const value of Object.values(schema)) {
    if (!is(value, PgTable)) continue;
    const config = getTableConfig(value);
    for (const policy of config.policies) {
      const to = ([] as unknown[])
        .concat(policy.to ?? 'public')
        .map((role) => (typeof role === 'string' ? role : (role as { name: string }).name));
      declared.push({
        table: config.name,
        name: policy.name,
        for: (policy.for ?? 'all').toUpperCase(),
        as: (policy.as ?? 'permissive').toUpperCase(),
        to,
        using: text(policy.using),
        withCheck: text(policy.withCheck),
      });
    }
  }
  return declared;
}

const inForce = async (executor: Pick<Tx, 'execute'>, where = sql`true`) =>
  rowsOf<PolicyRow>(
    await executor.execute(sql`select tablename as table, policyname as name, cmd, permissive, roles::text as roles, qual, with_check
      from pg_policies where schemaname = 'public' and ${where} order by tablename, policyname`),
  );

/** Runs `work` in a transaction that is always rolled back. */
async function rolledBack<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
  let result: T | undefined;
  await database.db
    .transaction(async (tx) => {
      result = await work(tx);
      throw new Error('rollback');
    })
    .catch((error: unknown) => {
      if (!(error instanceof Error && error.message === 'rollback')) throw error;
    });
  return result as T;
}

describe('row-level security policies are the ones declared in db/schema', () => {
  it('every policy in force is declared, and every declared policy is in force', async () => {
    const declared = declaredPolicies()
      .map((p) => `${p.table}.${p.name}`)
      .sort();
    const actual = (await inForce(database.db)).map((p) => `${p.table}.${p.name}`).sort();
    expect(actual.length).toBeGreaterThan(150);
    expect(
      actual.filter((p) => !declared.includes(p)),
      'policies in the database that no pgPolicy declares',
    ).toEqual([]);
    expect(
      declared.filter((p) => !actual.includes(p)),
      'declared policies missing from the database',
    ).toEqual([]);
  });

  it('each declaration says exactly what the policy in force does', async () => {
    const mismatches = await rolledBack(async (tx) => {
      const found: string[] = [];
      for (const policy of declaredPolicies()) {
        const roles = policy.to.map((role) => (role === 'public' ? 'public' : `"${role}"`)).join(', ');
        await tx.execute(
          sql.raw(`create policy "zz_declared" on "${policy.table}" as ${policy.as} for ${policy.for} to ${roles}
            ${policy.using ? `using (${policy.using})` : ''} ${policy.withCheck ? `with check (${policy.withCheck})` : ''}`),
        );
        const rows = await inForce(
          tx,
          sql`tablename = ${policy.table} and policyname in ('zz_declared', ${policy.name})`,
        );
        const mine = rows.find((r) => r.name === 'zz_declared')!;
        const real = rows.find((r) => r.name === policy.name);
        const same =
          real &&
          (['cmd', 'permissive', 'roles', 'qual', 'with_check'] as const).every((key) => mine[key] === real[key]);
        if (!same) found.push(`${policy.table}.${policy.name}`);
        await tx.execute(sql.raw(`drop policy "zz_declared" on "${policy.table}"`));
      }
      return found;
    });
    expect(mismatches, 'declared in db/schema but in force otherwise').toEqual([]);
  });
});

type FunctionRow = { name: string; args: string; definition: string; acl: string | null; config: string | null };

const functionsInForce = async () =>
  rowsOf<FunctionRow>(
    await database.db.execute(sql`select p.proname as name, pg_get_function_identity_arguments(p.oid) as args,
        pg_get_functiondef(p.oid) as definition, p.proacl::text as acl, p.proconfig::text as config
      from pg_proc p join pg_namespace n on n.oid = p.pronamespace
      where n.nspname = 'public'
        and not exists (select 1 from pg_depend d where d.classid = 'pg_proc'::regclass and d.objid = p.oid and d.deptype = 'e')
      order by 1, 2`),
  );

/** The migration that introduced db/functions.sql; earlier migrations are history. */
const FUNCTIONS_FILE_SINCE = '0041_policies_declared.sql';

describe('the functions are the ones of db/functions.sql', () => {
  const defined = [...functionsSql().matchAll(/^CREATE OR REPLACE FUNCTION public\.(\w+)\(/gm)].map((m) => m[1]!);

  it('defines every function once, and nothing else', async () => {
    const actual = await functionsInForce();
    expect(actual.length).toBeGreaterThan(50);
    expect(
      defined.filter((name, i) => defined.indexOf(name) !== i),
      'defined twice',
    ).toEqual([]);
    const names = actual.map((f) => f.name);
    expect(
      names.filter((name, i) => names.indexOf(name) !== i),
      'overloads (the file names functions by name)',
    ).toEqual([]);
    expect(
      names.filter((name) => !defined.includes(name)),
      'functions in the database missing from db/functions.sql',
    ).toEqual([]);
    expect(
      defined.filter((name) => !names.includes(name)),
      'functions of db/functions.sql missing from the database',
    ).toEqual([]);
  });

  it('applying it again changes nothing: each function runs as the file says', async () => {
    const before = await functionsInForce();
    const own = database.url ? postgres(database.url, { max: 1, onnotice: () => {} }) : null;
    try {
      const runner = own
        ? postgresRunner(own as never)
        : pgliteRunner((database.db as unknown as { $client: never }).$client);
      expect(await applyFunctions(runner), 'the migrator applied the file already').toBe(false);
      expect(await applyFunctions(runner, { force: true })).toBe(true);
    } finally {
      await own?.end();
    }
    expect(await functionsInForce()).toEqual(before);
  });

  it('a function a later migration creates or changes is in the file as that migration left it', async () => {
    // Since db/functions.sql (the migration that declared every policy), a migration that needs a new or changed
    // function creates it itself and copies it to the file: the file, applied last, would otherwise undo it.
    const folder = path.join(process.cwd(), 'db', 'migrations');
    const later = readdirSync(folder)
      .filter((name) => name.endsWith('.sql') && name > FUNCTIONS_FILE_SINCE)
      .flatMap((name) =>
        [
          ...readFileSync(path.join(folder, name), 'utf8').matchAll(
            /CREATE\s+(?:OR\s+REPLACE\s+)?FUNCTION\s+(?:public\.)?"?(\w+)"?\s*\(/gi,
          ),
        ].map((m) => m[1]!.toLowerCase()),
      );
    if (later.length === 0) return;
    const raw = await PGlite.create();
    try {
      await migrate(drizzle({ client: raw }), { migrationsFolder: folder });
      const { rows } = await raw.query<{ name: string; definition: string }>(
        `select p.proname as name, pg_get_functiondef(p.oid) as definition from pg_proc p
          join pg_namespace n on n.oid = p.pronamespace where n.nspname = 'public' and p.proname = any($1)`,
        [later],
      );
      const final = new Map((await functionsInForce()).map((f) => [f.name, f.definition]));
      const undone = rows.filter((f) => final.get(f.name) !== f.definition).map((f) => f.name);
      expect(undone, 'changed by a migration but not in db/functions.sql as it left them').toEqual([]);
    } finally {
      await raw.close();
    }
  });
});
