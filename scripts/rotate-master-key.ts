/**
 * `npm run keys:rotate`: re-wraps every data key under the current master key (see lib/dal/key-rotation.ts).
 *
 *   npm run -s keys:rotate -- --generate        print a fresh master key (32 random bytes, base64)
 *   CLEARANCE_MASTER_KEY=<new> CLEARANCE_PREVIOUS_MASTER_KEYS=<old> npm run keys:rotate [-- --batch-size 500
 * --max-batches N]
 *
 * Resumable: run it again after an interruption and it carries on. On PGlite it refuses while a server holds
 * the data directory (one process per directory): stop the server first; on PostgreSQL it runs beside the live
 * application.
 */
import { openDatabase, pgliteDir } from '@/db/client';
import { BATCH_TIMEOUTS } from '@/db/timeouts';
import { currentMasterKeyId, generateMasterKey } from '@/lib/crypto/envelope';
import { refuseWhileServerRuns } from '@/lib/data-dir/server-lock';
import { rotateMasterKey } from '@/lib/dal/keys/rotate-master-key';
import { env } from '@/lib/env';
import { commandLine } from './args';

const { values } = commandLine(
  'npm run keys:rotate [-- --batch-size N --max-batches N] | npm run -s keys:rotate -- --generate',
  {
    options: {
      generate: { type: 'boolean', default: false },
      'batch-size': { type: 'string' },
      'max-batches': { type: 'string' },
    },
  },
);

function option(name: 'batch-size' | 'max-batches'): number | undefined {
  const text = values[name];
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`--${name} needs a positive whole number.`);
  return value;
}

async function main() {
  if (values.generate) {
    console.log(generateMasterKey());
    return;
  }
  if (!env.masterKeys) {
    throw new Error(
      'Set CLEARANCE_MASTER_KEY to the new master key and CLEARANCE_PREVIOUS_MASTER_KEYS to the old one(s).',
    );
  }
  const keyId = currentMasterKeyId();
  if (!env.databaseUrl) refuseWhileServerRuns('npm run keys:rotate', pgliteDir());
  const database = openDatabase({ timeouts: BATCH_TIMEOUTS });
  try {
    await database.migrate();
    const where = database.driver === 'pglite' ? `PGlite at ${pgliteDir()}` : 'PostgreSQL (DATABASE_URL)';
    console.log(`Rotating sealed data in ${where} to master key ${keyId}…`);
    const report = await rotateMasterKey(database.db, {
      batchSize: option('batch-size'),
      maxBatches: option('max-batches'),
      onBatch: (done) => console.log(`  ${done} rows done`),
    });
    console.log(
      `Re-wrapped ${report.rewrapped} rows and sealed ${report.sealed} plaintext rows in ${report.batches} batches; ` +
        (report.remaining === 0
          ? 'every envelope is now under the current key. The previous keys can be retired.'
          : `${report.remaining} rows remain: run the command again to continue.`),
    );
    if (report.remaining > 0) process.exitCode = 3;
  } finally {
    await database.close();
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
