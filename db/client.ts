import 'server-only';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { sql, type ExtractTablesWithRelations } from 'drizzle-orm';
import { PgPreparedQuery, type PgDatabase, type PgQueryResultHKT, type PgTransaction } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import { env } from '@/lib/env';
import { DatabaseUnavailableError } from '@/lib/errors';
import { errorKind, log } from '@/lib/log/logger';
import { isUnavailableError, sanitizeDatabaseError } from './errors';
import { applyFunctions, pgliteRunner } from './functions';
import { migrateOnce } from './migrate-once';
import { resilientPostgres } from './resilient-postgres';
import * as schema from './schema';
import { dbTimeouts, type DbTimeouts } from './timeouts';

type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
export type Executor = Db | Tx;

export type Database = {
  db: Db;
  driver: 'pglite' | 'postgres';
  migrate: () => Promise<void>;
  close: () => Promise<void>;
};

const migrationsFolder = path.join(process.cwd(), 'db', 'migrations');

export function pgliteDir(): string {
  return env.pgliteDir;
}

/** Wraps an open PGlite (on disk or in memory) as a Database. */
export function fromPglite(client: PGlite): Database {
  const db = drizzlePglite({ client, schema });
  return {
    db: db as unknown as Db,
    driver: 'pglite',
    migrate: async () => {
      await migratePglite(db, { migrationsFolder });
      await applyFunctions(pgliteRunner(client));
    },
    close: () => client.close(),
  };
}

export function fromPostgresUrl(url: string, options: { max?: number; timeouts?: Partial<DbTimeouts> } = {}): Database {
  const timeouts = { ...dbTimeouts(), ...options.timeouts };
  const pool = resilientPostgres(url, { max: options.max ?? 10, timeouts });
  const db = drizzlePostgres({ client: withPreparedStatements(pool.sql), schema });
  return {
    db: db as unknown as Db,
    driver: 'postgres',
    migrate: () => migrateOnce(url, { migrationsFolder, connectMs: timeouts.connectMs }),
    close: () => pool.sql.end({ timeout: 5 }),
  };
}

/**
 * postgres.js with server-side prepared statements for every parameterised query. Drizzle asks the driver
 * not to prepare (`prepare: false`), which costs each query a describe round trip and a fresh plan; with
 * row-level security a plan is most of a check's time. Prepared, a repeated query is one round trip and
 * PostgreSQL reuses its plan (still planned per role, and `app.user_id` is read at execution, so a cached
 * plan never carries one user's access to another). The statements are keyed by their text, which our
 * queries keep parameterised, so each connection holds a bounded set. Behind a pooler in transaction mode,
 * add `?prepare=false` to DATABASE_URL.
 */
function withPreparedStatements(client: postgres.Sql): postgres.Sql {
  if (client.options.prepare === false) return client;
  const wrap = (target: postgres.Sql): postgres.Sql =>
    new Proxy(target, {
      get(object, property, receiver) {
        if (property === 'unsafe') {
          return (query: string, args?: unknown[], options?: object) =>
            object.unsafe(query, args as never, { ...options, prepare: true });
        }
        if (property === 'begin' || property === 'savepoint') {
          return (...args: unknown[]) => {
            const work = args.pop() as (inner: postgres.Sql) => unknown;
            return (Reflect.get(object, property, receiver) as (...a: unknown[]) => unknown).apply(object, [
              ...args,
              (inner: postgres.Sql) => work(wrap(inner)),
            ]);
          };
        }
        const value = Reflect.get(object, property, receiver);
        return typeof value === 'function' ? value.bind(object) : value;
      },
    });
  return wrap(client);
}

/**
 * PGlite when DATABASE_URL is unset, PostgreSQL otherwise. Command-line tools pass BATCH_TIMEOUTS: their long
 * transactions (a retention run, a key rotation, a chain walk) have no user waiting on a deadline.
 */
export function openDatabase(options: { timeouts?: Partial<DbTimeouts> } = {}): Database {
  const url = env.databaseUrl;
  if (url) return fromPostgresUrl(url, options);
  return fromPglite(new PGlite(pgliteDir()));
}

// One database per process, kept on globalThis so dev-server reloads reuse it (PGlite allows one opener).
const holder = globalThis as unknown as { __clearanceDb?: Database; __clearanceReady?: Promise<Database> };

/**
 * The process-wide database, opened and migrated once. A failed attempt is not kept: the next caller starts
 * a new one (the instance that booted while the database was away becomes ready by itself), and callers
 * waiting meanwhile share the attempt in flight. A database that cannot be reached answers
 * DatabaseUnavailableError; anything else (a bad migration, a misconfigured role) keeps its own error.
 */
export function database(): Promise<Database> {
  if (holder.__clearanceReady) return holder.__clearanceReady;
  const attempt = (async () => {
    const database = holder.__clearanceDb ?? openDatabase();
    holder.__clearanceDb = database;
    try {
      await database.migrate();
      if (database.driver === 'postgres') await assertApplicationRole(database.db);
    } catch (error) {
      throw isUnavailableError(error) ? new DatabaseUnavailableError(errorKind(error).code ?? 'unavailable') : error;
    }
    return database;
  })();
  holder.__clearanceReady = attempt;
  attempt.catch((error: unknown) => {
    if (holder.__clearanceReady === attempt) holder.__clearanceReady = undefined;
    log.error({ event: 'db.open.failed', ...errorKind(error) }, 'database not ready');
  });
  return attempt;
}

/** Whether the process-wide database is open and migrated (without starting an attempt). */
export async function databaseIsOpen(): Promise<boolean> {
  const ready = holder.__clearanceReady;
  return ready
    ? ready.then(
        () => true,
        () => false,
      )
    : false;
}

/**
 * Opens the database in the background, retrying with backoff (0.5 s doubling to 30 s) until it succeeds,
 * so an instance started before its database becomes ready by itself, requests or not.
 */
export function openInBackground(): void {
  let delay = 500;
  const attempt = () =>
    database().catch(() => {
      setTimeout(attempt, delay).unref();
      delay = Math.min(delay * 2, 30_000);
    });
  void attempt();
}

/**
 * Refuses to start unless the application role is a plain role (no superuser, no BYPASSRLS) that this
 * connection may switch to: otherwise row-level security would not hold. And unless the connecting role itself (the
 * tables' owner) bypasses row-level security: it is forced on every table.
 */
export async function assertApplicationRole(db: Db): Promise<void> {
  const [role] = rowsOf<{ rolsuper: boolean; rolbypassrls: boolean; usable: boolean }>(
    await db.execute(sql`select rolsuper, rolbypassrls, pg_has_role(current_user, oid, 'USAGE') as usable
      from pg_roles where rolname = 'clearance_app'`),
  );
  if (!role) throw new Error('Refusing to start: the database role clearance_app is missing (run the migrations).');
  if (role.rolsuper || role.rolbypassrls)
    throw new Error('Refusing to start: clearance_app must not be a superuser or bypass row-level security.');
  if (!role.usable) throw new Error('Refusing to start: this connection cannot switch to the clearance_app role.');
  // Every table's row-level security is forced, so it binds the owning role too; the SECURITY DEFINER functions the
  // policies call, the migrations and the seeds run as that role and must bypass it (superuser or BYPASSRLS).
  const [owner] = rowsOf<{ bypasses: boolean }>(
    await db.execute(sql`select rolsuper or rolbypassrls as bypasses from pg_roles where rolname = current_user`),
  );
  if (!owner?.bypasses) {
    throw new Error(
      'Refusing to start: the connecting role owns the tables and must be a superuser or have BYPASSRLS (row-level security is forced on every table; the definer functions run as it).',
    );
  }
}

export async function getDb(): Promise<Db> {
  return (await database()).db;
}

/** Tests install their own database (a fresh PGlite clone or a throwaway PostgreSQL database). */
export function useDatabase(database: Database): void {
  holder.__clearanceDb = database;
  holder.__clearanceReady = Promise.resolve(database);
}

// Drizzle's query error quotes the SQL and its parameters, and Next.js prints errors a page throws: replace
// it, for every query on either driver, with one that holds no data (db/errors.ts).
const patched = PgPreparedQuery.prototype as unknown as {
  queryWithCache: (...args: unknown[]) => Promise<unknown>;
  __sanitized?: true;
};
if (!patched.__sanitized) {
  const queryWithCache = patched.queryWithCache;
  patched.queryWithCache = async function (this: unknown, ...args: unknown[]) {
    try {
      return await queryWithCache.apply(this, args);
    } catch (error) {
      throw sanitizeDatabaseError(error);
    }
  };
  patched.__sanitized = true;
}

/** `execute()` answers `{ rows }` on PGlite and an array on postgres.js; callers see rows either way. */
export function rowsOf<T>(result: unknown): T[] {
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}
