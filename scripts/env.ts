import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { reloadEnv } from '@/lib/env';

/** The demo keeps its generated secrets beside its embedded database, so restarts keep sessions valid. */
export function ensureLocalSecrets(): void {
  const dir = path.join(process.cwd(), '.data');
  mkdirSync(dir, { recursive: true });
  if (!process.env.AUTH_SECRET) {
    const file = path.join(dir, 'auth-secret');
    if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString('base64url'), { mode: 0o600 });
    process.env.AUTH_SECRET = readFileSync(file, 'utf8').trim();
  }
  if (!process.env.CLEARANCE_MASTER_KEY) {
    // The embedded database's master key lives beside it; a production deployment sets it in the environment.
    const file = path.join(dir, 'master-key');
    if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString('base64'), { mode: 0o600 });
    process.env.CLEARANCE_MASTER_KEY = readFileSync(file, 'utf8').trim();
  }
  process.env.NEXT_TELEMETRY_DISABLED = '1';
  // This process reads them too (the seed seals with the master key): parse the configuration again.
  reloadEnv();
}
