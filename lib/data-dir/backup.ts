import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { fromPglite } from '@/db/client';
import { currentMasterKeyId } from '@/lib/crypto/envelope';
import { verifyAuditChain } from '@/lib/dal/audit/verify-audit-chain';
import { env } from '@/lib/env';

/*
 * Backup and restore of the embedded database (npm run backup / npm run restore): PGlite's own dump of its
 * data directory (a gzipped tar of the whole cluster: every table, the audit chain, sealed content and the
 * files kept in the database), plus a small manifest beside it. The master key is never in either: the
 * manifest holds only its fingerprint, so a restore can say whether the key at hand opens the sealed content.
 */

export type BackupManifest = {
  format: 'clearance-pglite-backup/1';
  createdAt: string;
  /** The fingerprint (SHA-256 prefix) of the master key the content is sealed under; never the key. */
  masterKeyId: string | null;
  auditEvents: number;
  auditHead: { seq: number; hash: string } | null;
};

export const manifestPath = (file: string) => `${file}.json`;

/** Dumps `dataDir` to `file` (tar.gz) and writes its manifest; the audit chain must be intact to be worth keeping. */
export async function writeBackup(dataDir: string, file: string): Promise<BackupManifest> {
  const client = await PGlite.create(dataDir);
  try {
    const chain = await verifyAuditChain(fromPglite(client).db);
    if (!chain.ok)
      throw new Error(`The audit chain is broken at seq ${chain.brokenAt.seq}: not backing up a damaged database.`);
    const dump = await client.dumpDataDir('gzip');
    mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    writeFileSync(file, Buffer.from(await dump.arrayBuffer()), { mode: 0o600 });
    const manifest: BackupManifest = {
      format: 'clearance-pglite-backup/1',
      createdAt: new Date().toISOString(),
      masterKeyId: env.masterKeys ? currentMasterKeyId() : null,
      auditEvents: chain.events,
      auditHead: chain.head ?? null,
    };
    writeFileSync(manifestPath(file), `${JSON.stringify(manifest, null, 2)}\n`, { mode: 0o600 });
    return manifest;
  } finally {
    await client.close();
  }
}

export type RestoreReport = {
  movedAside: string | null;
  auditEvents: number;
  auditIntact: boolean;
  manifest: BackupManifest | null;
  keyMatches: boolean | null;
};

/**
 * Loads `file` into `dataDir`. A directory already there is moved aside (`<dir>.before-restore-<time>`), never
 * deleted. Then the migrations run (a backup from an older release is brought up to date) and the audit chain
 * is verified against the manifest's head.
 */
export async function restoreBackup(file: string, dataDir: string): Promise<RestoreReport> {
  const manifest = existsSync(manifestPath(file))
    ? (JSON.parse(readFileSync(manifestPath(file), 'utf8')) as BackupManifest)
    : null;
  let movedAside: string | null = null;
  if (existsSync(dataDir) && readdirSync(dataDir).length > 0) {
    movedAside = `${path.resolve(dataDir)}.before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    renameSync(dataDir, movedAside);
  }
  const client = await PGlite.create(dataDir, { loadDataDir: new Blob([readFileSync(file)]) });
  try {
    const database = fromPglite(client);
    await database.migrate();
    const chain = await verifyAuditChain(database.db);
    // Nothing writes between the dump and the load, so the head must be the one the backup recorded.
    const headMatches =
      !manifest?.auditHead ||
      (chain.ok && chain.head?.seq === manifest.auditHead.seq && chain.head.hash === manifest.auditHead.hash);
    return {
      movedAside,
      auditEvents: chain.events,
      auditIntact: chain.ok && headMatches,
      manifest,
      keyMatches: manifest?.masterKeyId && env.masterKeys ? manifest.masterKeyId === currentMasterKeyId() : null,
    };
  } finally {
    await client.close();
  }
}
