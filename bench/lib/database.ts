/**
 * The benchmark's own database: on PostgreSQL (DATABASE_URL set) a fresh database created next to the one
 * the URL names and dropped at the end (never the demo or the test database itself); on PGlite a fresh
 * directory under .data/bench, removed at the end. Installed as the app's database (useDatabase), so the
 * DAL under measurement runs exactly as in the app.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { assertApplicationRole, fromPglite, fromPostgresUrl, rowsOf, useDatabase, type Database } from '@/db/client';

export type BenchDatabase = {
  driver: 'pglite' | 'postgres';
  /** Human-readable: which database, where. */
  label: string;
  version: string;
  database: Database;
  /** Environment for a server process that must use the same database. */
  serverEnv: Record<string, string>;
  /** PGlite allows one process per directory: close before a server opens it, reopen after. */
  suspend: () => Promise<void>;
  resume: () => Promise<void>;
  /** Closes and deletes the database (unless kept). Safe to call twice. */
  dispose: (keep: boolean) => Promise<void>;
};

async function versionOf(database: Database): Promise<string> {
  const [row] = rowsOf<{ v: string }>(await database.db.execute(sql`select current_setting('server_version') as v`));
  return row?.v ?? '?';
}

export async function openBenchDatabase(): Promise<BenchDatabase> {
  const url = process.env.DATABASE_URL;
  const suffix = `${new Date().toISOString().slice(0, 10).replaceAll('-', '')}_${randomBytes(4).toString('hex')}`;
  if (url) {
    const name = `clearance_bench_${suffix}`;
    const admin = postgres(url, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${name}`);
    const target = new URL(url);
    target.pathname = `/${name}`;
    const database = fromPostgresUrl(target.toString(), { max: 10 });
    let disposed = false;
    const dispose = async (keep: boolean) => {
      if (disposed) return;
      disposed = true;
      await database.close().catch(() => {});
      if (!keep) await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end({ timeout: 5 });
    };
    try {
      await database.migrate();
      await assertApplicationRole(database.db);
    } catch (error) {
      await dispose(false);
      throw error;
    }
    useDatabase(database);
    const host = `${target.hostname}:${target.port || 5432}`;
    return {
      driver: 'postgres',
      label: `PostgreSQL at ${host}, database ${name} (created for this run)`,
      version: await versionOf(database),
      database,
      serverEnv: { DATABASE_URL: target.toString() },
      suspend: async () => {},
      resume: async () => {},
      dispose,
    };
  }

  const dir = path.join(process.cwd(), '.data', 'bench', `run_${suffix}`);
  mkdirSync(dir, { recursive: true });
  let database = fromPglite(new PGlite(dir));
  let open = true;
  const close = async () => {
    if (open) await database.close();
    open = false;
  };
  await database.migrate();
  useDatabase(database);
  const result: BenchDatabase = {
    driver: 'pglite',
    label: `PGlite (embedded, on disk) at ${path.relative(process.cwd(), dir)}`,
    version: await versionOf(database),
    database,
    serverEnv: { PGLITE_DIR: dir },
    suspend: close,
    resume: async () => {
      if (open) return;
      database = fromPglite(new PGlite(dir));
      open = true;
      result.database = database;
      useDatabase(database);
    },
    dispose: async (keep) => {
      await close();
      if (!keep) rmSync(dir, { recursive: true, force: true });
    },
  };
  return result;
}
