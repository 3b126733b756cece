/**
 * Migrates the database (PGlite in PGLITE_DIR, or DATABASE_URL) and, with --reset, replaces its content
 * with the demo world of SPEC §9. Never run it while a server holds the same PGlite directory.
 */
import { openDatabase, pgliteDir } from '@/db/client';
import { resetDatabase, seedDemoWorld } from '@/db/seed/demo-world';

export async function prepareDatabase(options: { reset: boolean }): Promise<void> {
  const database = openDatabase();
  try {
    await database.migrate();
    if (options.reset) {
      await resetDatabase(database.db);
      await seedDemoWorld(database.db);
    }
  } finally {
    await database.close();
  }
  const where = database.driver === 'pglite' ? `PGlite at ${pgliteDir()}` : 'PostgreSQL (DATABASE_URL)';
  console.log(`Database ready: ${where}${options.reset ? ', demo world seeded' : ''}.`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  prepareDatabase({ reset: process.argv.includes('--reset') }).catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
