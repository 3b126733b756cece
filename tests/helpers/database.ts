/**
 * A fresh, migrated database per test file: a clone of one migrated in-memory PGlite, or a throwaway
 * PostgreSQL database created from DATABASE_URL and dropped afterwards. Installs it as the app's database.
 */
import { randomBytes } from 'node:crypto';
import { PGlite } from '@electric-sql/pglite';
import postgres from 'postgres';
import { fromPglite, fromPostgresUrl, useDatabase, type Database } from '@/db/client';

let template: Promise<PGlite> | null = null;

async function migratedTemplate(): Promise<PGlite> {
  template ??= (async () => {
    const client = await PGlite.create();
    await fromPglite(client).migrate();
    return client;
  })();
  return template;
}

/** `url`: the throwaway PostgreSQL database's connection string (for tools like pg_dump); absent on PGlite. */
export type TestDatabase = Database & { url?: string; dispose: () => Promise<void> };

export async function createTestDatabase(): Promise<TestDatabase> {
  if (process.env.TEST_DATABASE === 'postgres') {
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error('TEST_DATABASE=postgres needs DATABASE_URL');
    const name = `clearance_t_${randomBytes(6).toString('hex')}`;
    const admin = postgres(url, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${name}`);
    const target = new URL(url);
    target.pathname = `/${name}`;
    const database = fromPostgresUrl(target.toString(), { max: 4 });
    await database.migrate();
    useDatabase(database);
    return {
      ...database,
      url: target.toString(),
      dispose: async () => {
        await database.close();
        await admin.unsafe(`drop database if exists ${name} with (force)`);
        await admin.end();
      },
    };
  }
  const clone = (await (await migratedTemplate()).clone()) as PGlite;
  const database = fromPglite(clone);
  useDatabase(database);
  return { ...database, dispose: () => database.close() };
}
