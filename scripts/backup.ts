/**
 * `npm run backup [-- <file>]`: a backup of the embedded database (PGLITE_DIR, default .data/pglite) to
 * <file> (default backups/clearance-<time>.tar.gz) with a manifest beside it. Stop the server first (PGlite has
 * one opener; this refuses while a server holds the directory). The master key is NOT in the backup: keep it
 * (.data/master-key, or CLEARANCE_MASTER_KEY) somewhere else, such as a password manager; without it the
 * high-risk content in the backup cannot be read. On PostgreSQL use pg_dump (docs/deploy.md).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pgliteDir } from '@/db/client';
import { writeBackup } from '@/lib/data-dir/backup';
import { refuseWhileServerRuns } from '@/lib/data-dir/server-lock';
import { env, reloadEnv } from '@/lib/env';
import { commandLine } from './args';

const { positionals } = commandLine('npm run backup [-- <file>]', { options: {}, allowPositionals: true });
if (env.databaseUrl) {
  console.error('npm run backup is for the embedded database. With PostgreSQL, use pg_dump -Fc (see docs/deploy.md).');
  process.exit(1);
}
const dataDir = pgliteDir();
refuseWhileServerRuns('npm run backup', dataDir);
// The embedded database's key file, when the environment names none (read only: a restore must not invent a key).
const keyFile = path.join(process.cwd(), '.data', 'master-key');
if (!env.masterKeys && existsSync(keyFile)) {
  process.env.CLEARANCE_MASTER_KEY = readFileSync(keyFile, 'utf8').trim();
  reloadEnv();
}
const stamp = new Date().toISOString().replace(/[:.]/g, '-');
const file = positionals[0] ?? path.join('backups', `clearance-${stamp}.tar.gz`);
const manifest = await writeBackup(dataDir, file);
console.log(
  `Backed up ${dataDir} to ${file} (manifest ${file}.json): ${manifest.auditEvents} audit events, chain intact.`,
);
if (manifest.auditHead) console.log(`Audit head: seq ${manifest.auditHead.seq}, hash ${manifest.auditHead.hash}.`);
console.log(`Sealed content is under master key ${manifest.masterKeyId}; the key itself is not in the backup.`);
console.log(
  'Keep the master key (.data/master-key or CLEARANCE_MASTER_KEY) apart from the backup: a restore needs it.',
);
