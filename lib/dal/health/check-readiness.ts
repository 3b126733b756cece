import 'server-only';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { database, rowsOf } from '@/db/client';
import { currentMasterKeyId } from '@/lib/crypto/envelope';
import { env } from '@/lib/env';

export type Readiness = {
  ready: boolean;
  checks: Record<'database' | 'migrations' | 'masterKey' | 'configuration', boolean>;
};

const CHECK_BUDGET_MS = 4000;

/** The newest migration this build ships (drizzle-kit's journal records each one's timestamp). */
function newestMigration(): number {
  const journal = JSON.parse(
    readFileSync(path.join(process.cwd(), 'db', 'migrations', 'meta', '_journal.json'), 'utf8'),
  ) as {
    entries: { when: number }[];
  };
  return Math.max(...journal.entries.map((entry) => entry.when));
}

async function migrationsCurrent(): Promise<{ database: boolean; migrations: boolean }> {
  try {
    const { db } = await database();
    const [row] = rowsOf<{ newest: string | number | null }>(
      await db.execute(sql`select max(created_at) as newest from drizzle.__drizzle_migrations`),
    );
    return { database: true, migrations: Number(row?.newest ?? 0) >= newestMigration() };
  } catch {
    return { database: false, migrations: false };
  }
}

const within = <T>(work: Promise<T>, fallback: T) =>
  Promise.race([work, new Promise<T>((resolve) => setTimeout(() => resolve(fallback), CHECK_BUDGET_MS).unref())]);

/**
 * Whether this instance can serve: the database answers and holds this build's migrations, the master key
 * and the signing secret are set. Answers within a few seconds even when the database does not.
 */
export async function checkReadiness(): Promise<Readiness> {
  let masterKey = true;
  try {
    currentMasterKeyId();
  } catch {
    masterKey = false;
  }
  const configuration = env.authSecretSet;
  const db = await within(migrationsCurrent(), { database: false, migrations: false });
  const checks = { database: db.database, migrations: db.migrations, masterKey, configuration };
  return { ready: Object.values(checks).every(Boolean), checks };
}
