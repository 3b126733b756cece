import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * db/functions.sql, the one file of the database's helper and trigger functions (issue 11 point 6), applied
 * after the migrations: the migrations created the functions and their history, the file holds each one as it is
 * now. It runs in one transaction whenever the file or the set of applied migrations changed since it last ran (a
 * migration that redefines a function cannot leave the file's definition behind), and is idempotent (CREATE OR
 * REPLACE, REVOKE, GRANT), so running it again changes nothing. Its hash and the migration count it followed are
 * kept beside drizzle's own journal, out of the application role's reach.
 */
export const functionsFile = path.join(process.cwd(), 'db', 'functions.sql');

export function functionsSql(): string {
  return readFileSync(functionsFile, 'utf8');
}

const prepare = `create table if not exists drizzle.clearance_functions (
  id boolean primary key default true check (id), sha256 text not null, migrations integer not null,
  applied_at timestamptz not null default now())`;
const state = `select f.sha256, f.migrations, (select count(*)::int from drizzle.__drizzle_migrations) as current
  from (select 1) one left join drizzle.clearance_functions f on true`;
const record = `insert into drizzle.clearance_functions (id, sha256, migrations)
  values (true, $1, (select count(*)::int from drizzle.__drizzle_migrations))
  on conflict (id) do update set sha256 = excluded.sha256, migrations = excluded.migrations, applied_at = now()`;

type State = { sha256: string | null; migrations: number | null; current: number };

/** The statements of one run: `query` takes one statement with parameters, `exec` a script of many. */
export type FunctionsRunner = {
  query: (text: string, params?: unknown[]) => Promise<Record<string, unknown>[]>;
  exec: (script: string) => Promise<void>;
  transaction: (work: (runner: FunctionsRunner) => Promise<void>) => Promise<void>;
};

/** Applies db/functions.sql unless it already ran, unchanged, after the migrations now applied. */
export async function applyFunctions(runner: FunctionsRunner, options: { force?: boolean } = {}): Promise<boolean> {
  const script = functionsSql();
  const sha256 = createHash('sha256').update(script).digest('hex');
  await runner.query(prepare);
  const [now] = (await runner.query(state)) as State[];
  if (!options.force && now && now.sha256 === sha256 && now.migrations === now.current) return false;
  await runner.transaction(async (tx) => {
    await tx.exec(script);
    await tx.query(record, [sha256]);
  });
  return true;
}

type PgliteLike = {
  query: (text: string, params?: unknown[]) => Promise<{ rows: unknown[] }>;
  exec: (script: string) => Promise<unknown>;
};

/** A runner over PGlite (or one of its transactions). */
export function pgliteRunner(
  client: PgliteLike & { transaction?: <T>(work: (tx: PgliteLike) => Promise<T>) => Promise<T> },
): FunctionsRunner {
  return {
    query: async (text, params) => (await client.query(text, params)).rows as Record<string, unknown>[],
    exec: async (script) => {
      await client.exec(script);
    },
    transaction: async (work) => {
      if (!client.transaction) throw new Error('already in a transaction');
      await client.transaction((tx) => work(pgliteRunner(tx)));
    },
  };
}

type PostgresLike = {
  unsafe: (text: string, params?: never[]) => PromiseLike<unknown> & { simple: () => PromiseLike<unknown> };
  begin?: (work: (tx: PostgresLike) => Promise<unknown>) => PromiseLike<unknown>;
};

/** A runner over postgres.js (or one of its transactions); the script goes by the simple protocol, many statements at once. */
export function postgresRunner(client: PostgresLike): FunctionsRunner {
  return {
    query: async (text, params) => (await client.unsafe(text, params as never[])) as Record<string, unknown>[],
    exec: async (script) => {
      await client.unsafe(script).simple();
    },
    transaction: async (work) => {
      if (!client.begin) throw new Error('already in a transaction');
      await client.begin((tx) => work(postgresRunner(tx)));
    },
  };
}
