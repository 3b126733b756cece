/**
 * Migrates the database (PGlite in PGLITE_DIR, or DATABASE_URL) and, with --reset, replaces its content
 * with the demo world of docs/product.md §9. Refuses while a server holds the same PGlite directory.
 */
import { sql } from 'drizzle-orm';
import { openDatabase, pgliteDir, rowsOf, useDatabase } from '@/db/client';
import { BATCH_TIMEOUTS } from '@/db/timeouts';
import { resetDatabase, seedDemoWorld } from '@/db/seed/demo-world';
import { refuseWhileServerRuns } from '@/lib/data-dir/server-lock';
import { env } from '@/lib/env';
import { commandLine } from './args';
import { ensureLocalSecrets } from './env';

/** `reset` replaces everything with the demo world; `seedIfEmpty` seeds only a database with no users yet. */
export async function prepareDatabase(options: { reset: boolean; seedIfEmpty?: boolean }): Promise<void> {
  if (!env.databaseUrl) refuseWhileServerRuns('Preparing the database', pgliteDir());
  const database = openDatabase({ timeouts: BATCH_TIMEOUTS });
  try {
    await database.migrate();
    const empty = async () =>
      rowsOf<{ n: number }>(await database.db.execute(sql`select count(*)::int as n from users`))[0]?.n === 0;
    if (options.reset || (options.seedIfEmpty && (await empty()))) {
      await resetDatabase(database.db);
      // The seed stores the demo files through the blob store, which works on the process database: this one.
      useDatabase(database);
      await seedDemoWorld(database.db);
    }
  } finally {
    await database.close();
  }
  const where = database.driver === 'pglite' ? `PGlite at ${pgliteDir()}` : 'PostgreSQL (DATABASE_URL)';
  console.log(`Database ready: ${where}${options.reset ? ', demo world seeded' : ''}.`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  // The seed seals high-risk content: on the embedded database, use the demo's master key kept beside it.
  const { values } = commandLine('npm run db:migrate | npm run db:seed (= --reset) [-- --seed-if-empty]', {
    options: { reset: { type: 'boolean', default: false }, 'seed-if-empty': { type: 'boolean', default: false } },
  });
  if (!env.databaseUrl) ensureLocalSecrets();
  prepareDatabase({ reset: values.reset, seedIfEmpty: values['seed-if-empty'] }).catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
