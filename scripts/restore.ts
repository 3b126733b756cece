/**
 * `npm run restore -- <file> [--to <dir>]`: loads a backup made by `npm run backup` into the embedded database
 * (PGLITE_DIR, default .data/pglite, or --to <dir> for a copy to inspect or run a tool against). The directory
 * already there is moved aside, never deleted. Refuses while a server holds the directory. Then the migrations
 * run and the audit chain is verified against the backup's manifest; the master key must be the one the
 * backup's content was sealed under (the manifest's fingerprint says whether it is).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pgliteDir } from '@/db/client';
import { restoreBackup } from '@/lib/data-dir/backup';
import { refuseWhileServerRuns } from '@/lib/data-dir/server-lock';
import { env, reloadEnv } from '@/lib/env';
import { commandLine } from './args';

const USAGE = 'npm run restore -- <backup file> [--to <data directory>]';
const { values, positionals } = commandLine(USAGE, { options: { to: { type: 'string' } }, allowPositionals: true });
const target = values.to ?? pgliteDir();
const file = positionals[0];
if (!file || !target) {
  console.error(`Usage: ${USAGE}`);
  process.exit(1);
}
if (env.databaseUrl) {
  console.error('npm run restore is for the embedded database. With PostgreSQL, use pg_restore (see docs/deploy.md).');
  process.exit(1);
}
refuseWhileServerRuns('npm run restore', target);
// The embedded database's key file, when the environment names none (read only: a restore must not invent a key).
const keyFile = path.join(process.cwd(), '.data', 'master-key');
if (!env.masterKeys && existsSync(keyFile)) {
  process.env.CLEARANCE_MASTER_KEY = readFileSync(keyFile, 'utf8').trim();
  reloadEnv();
}
const report = await restoreBackup(file, target);
if (report.movedAside) console.log(`The database that was there is kept at ${report.movedAside}.`);
console.log(
  `Restored ${file} into ${target}: ${report.auditEvents} audit events, chain ${report.auditIntact ? 'intact and matching the backup' : 'NOT intact or not matching the backup'}.`,
);
if (report.keyMatches === false) {
  console.error(
    `The master key here is not the one the backup was sealed under (${report.manifest?.masterKeyId}): high-risk content will not open. Set CLEARANCE_MASTER_KEY (or .data/master-key) to that key.`,
  );
}
if (!report.auditIntact || report.keyMatches === false) process.exitCode = 1;
