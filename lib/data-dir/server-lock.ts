import { readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/*
 * PGlite cannot be opened by two processes: a second opener corrupts the data directory. The server writes a
 * lock file beside the directory while it serves it (`<dir>.server.json`, outside the directory so a backup
 * never carries it), and every command-line tool that opens the directory refuses while a live server holds it.
 * A lock left by a process that is gone (a crash, kill -9) is stale and taken over.
 */

type Lock = { pid: number; startedAt: string };

export const serverLockPath = (dataDir: string): string => `${path.resolve(dataDir)}.server.json`;

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The live server holding the directory, if any (never this process itself). */
export function serverHolding(dataDir: string): Lock | null {
  try {
    const lock = JSON.parse(readFileSync(serverLockPath(dataDir), 'utf8')) as Lock;
    return Number.isInteger(lock.pid) && lock.pid !== process.pid && isAlive(lock.pid) ? lock : null;
  } catch {
    return null;
  }
}

/** Taken by the server at boot; released when the process exits. Throws if another live server holds it. */
export function claimServerLock(dataDir: string): void {
  const other = serverHolding(dataDir);
  if (other)
    throw new Error(
      `Another Clearance server (pid ${other.pid}) is serving the embedded database at ${path.resolve(dataDir)}.`,
    );
  const file = serverLockPath(dataDir);
  try {
    unlinkSync(file); // stale: its process is gone
  } catch {}
  // 'wx': of two servers starting at the same moment, only one creates the file.
  writeFileSync(file, JSON.stringify({ pid: process.pid, startedAt: new Date().toISOString() } satisfies Lock), {
    flag: 'wx',
    mode: 0o600,
  });
  process.once('exit', () => {
    try {
      if ((JSON.parse(readFileSync(file, 'utf8')) as Lock).pid === process.pid) unlinkSync(file);
    } catch {}
  });
}

/** For command-line tools: exits with a clear message (status 2) while a server serves the directory. */
export function refuseWhileServerRuns(tool: string, dataDir: string): void {
  const lock = serverHolding(dataDir);
  if (!lock) return;
  console.error(
    `${tool}: the server is running on this data directory (${path.resolve(dataDir)}, pid ${lock.pid}): stop it first, ` +
      'or use the admin page, or run it against a backup copy (npm run restore -- <file> --to <dir>, then PGLITE_DIR=<dir>).',
  );
  process.exit(2);
}
