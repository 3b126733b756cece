import 'server-only';
import { drizzle } from 'drizzle-orm/postgres-js';
import { migrate } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import { applyFunctions, postgresRunner } from './functions';

// Any fixed number; every instance of Clearance takes the same one ("clearance" in ASCII).
const MIGRATION_LOCK = 0x636c656172616e63n;

/**
 * Runs the migrations on PostgreSQL under a session advisory lock, on a connection of its own, so when several
 * instances start together one migrates and the others wait, then find nothing left to do; then db/functions.sql,
 * the functions as they are now (db/functions.ts). The lock ends with
 * the connection, so a crashed migrator never leaves it held. No statement timeout here: a migration may
 * legitimately run long.
 */
export async function migrateOnce(
  url: string,
  options: { migrationsFolder: string; connectMs: number },
): Promise<void> {
  const client = postgres(url, { max: 1, onnotice: () => {}, connect_timeout: options.connectMs / 1000 });
  try {
    await client`select pg_advisory_lock(${MIGRATION_LOCK.toString()}::bigint)`;
    await migrate(drizzle({ client }), { migrationsFolder: options.migrationsFolder });
    await applyFunctions(postgresRunner(client as never));
    await client`select pg_advisory_unlock(${MIGRATION_LOCK.toString()}::bigint)`;
  } finally {
    await client.end({ timeout: 1 }).catch(() => {});
  }
}
