/**
 * Keeping the embedded database: back it up, wipe it, restore it, then the audit chain verifies against the
 * backup's manifest and a sealed (high-risk) canary reads back through the DAL. Also: the tools refuse while a
 * server holds the directory. PGlite only (on PostgreSQL, pg_dump and pg_restore do this: docs/deploy.md).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromPglite, useDatabase } from '@/db/client';
import { seedDemoWorld } from '@/db/seed/demo-world';
import { manifestPath, restoreBackup, writeBackup } from '@/lib/data-dir/backup';
import { serverHolding, serverLockPath } from '@/lib/data-dir/server-lock';
import { verifyAuditChain } from '@/lib/dal/audit/verify-audit-chain';
import { readItem } from '@/lib/dal/items/read-item';
import { demoActors, meta } from '../helpers/actors';
import { itemIdsByCanary } from '../helpers/demo';

const onPglite = process.env.TEST_DATABASE !== 'postgres';
let work: string;

describe.skipIf(!onPglite)('backup and restore of the embedded database', () => {
  beforeAll(() => {
    work = mkdtempSync(path.join(tmpdir(), 'clearance-backup-'));
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('backs up, wipes, restores; the audit chain verifies and a sealed canary reads back', async () => {
    const dataDir = path.join(work, 'pglite');
    const file = path.join(work, 'backups', 'clearance.tar.gz');
    let client = await PGlite.create(dataDir);
    let database = fromPglite(client);
    await database.migrate();
    // Installed first: the seed stores the demo files through the app's database (docs/product.md §9.1).
    useDatabase(database);
    await seedDemoWorld(database.db);
    const actors = await demoActors(database.db);
    const canary = (await itemIdsByCanary(database.db))['AURORA-HR-ITINERARY'];
    expect((await readItem(actors.sam, canary, meta))?.body).toContain('AURORA-HR-ITINERARY');
    await client.close();

    const manifest = await writeBackup(dataDir, file);
    expect(manifest.auditEvents).toBeGreaterThan(0);
    // Neither the backup nor its manifest carries the master key.
    const key = Buffer.from(process.env.CLEARANCE_MASTER_KEY!, 'base64');
    expect(readFileSync(manifestPath(file), 'utf8')).not.toContain(process.env.CLEARANCE_MASTER_KEY!);
    expect(readFileSync(file).includes(key)).toBe(false);

    rmSync(dataDir, { recursive: true, force: true });
    const report = await restoreBackup(file, dataDir);
    expect(report).toMatchObject({
      movedAside: null,
      auditIntact: true,
      keyMatches: true,
      auditEvents: manifest.auditEvents,
    });

    client = await PGlite.create(dataDir);
    database = fromPglite(client);
    useDatabase(database);
    const chain = await verifyAuditChain(database.db);
    expect(chain.ok).toBe(true);
    expect(chain.ok && chain.head).toEqual(manifest.auditHead);
    expect((await readItem(actors.sam, canary, meta))?.body).toContain('AURORA-HR-ITINERARY');
    await client.close();

    // Restoring over a database keeps the one that was there.
    const again = await restoreBackup(file, dataDir);
    expect(again.movedAside).toMatch(/pglite\.before-restore-/);
    expect(existsSync(again.movedAside!)).toBe(true);
  });

  it('the command-line tools refuse while a server holds the data directory', async () => {
    const dataDir = path.join(work, 'held');
    // A live process holding the lock, as the server does.
    const holder = spawn(process.execPath, [
      '-e',
      `require('node:fs').writeFileSync(${JSON.stringify(serverLockPath(dataDir))}, JSON.stringify({ pid: process.pid, startedAt: '' })); setInterval(() => {}, 1000)`,
    ]);
    try {
      for (let i = 0; i < 100 && !serverHolding(dataDir); i += 1)
        await new Promise((resolve) => setTimeout(resolve, 100));
      expect(serverHolding(dataDir)?.pid).toBe(holder.pid);
      const tool = spawn(
        path.join(process.cwd(), 'node_modules', '.bin', 'tsx'),
        ['--conditions=react-server', 'scripts/audit-verify.ts'],
        { env: { ...process.env, PGLITE_DIR: dataDir, DATABASE_URL: '' } },
      );
      let stderr = '';
      tool.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      const code = await new Promise<number | null>((resolve) => tool.on('exit', resolve));
      expect(code).toBe(2);
      expect(stderr).toContain('the server is running on this data directory');
      expect(existsSync(dataDir)).toBe(false); // never opened
    } finally {
      holder.kill();
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(serverHolding(dataDir)).toBeNull(); // its process is gone: a stale lock holds nothing
  });
});
