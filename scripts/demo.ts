/**
 * `npm run demo`: migrate and reset the database to the demo world, build if the sources changed, and
 * serve the portal on http://localhost:3000 (PORT overrides) to this machine only: it listens on 127.0.0.1
 * unless HOST says otherwise, because the demo's accounts have published passwords and its mailbox shows
 * reset links.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { DEMO_PASSWORD_DEFAULT, DEMO_USERS } from '@/db/seed/demo-world';
import { env } from '@/lib/env';
import { commandLine } from './args';
import { ensureLocalSecrets } from './env';
import { prepareDatabase } from './prepare-db';

const root = process.cwd();
const SOURCES = [
  'app',
  'components',
  'lib',
  'db',
  'public',
  'auth.ts',
  'proxy.ts',
  'next.config.ts',
  'instrumentation.ts',
  'package.json',
];

function newestMtime(target: string): number {
  if (!existsSync(target)) return 0;
  const stat = statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(target).map((name) => newestMtime(path.join(target, name))));
}

function buildIfNeeded(): void {
  const buildId = path.join(root, '.next', 'BUILD_ID');
  const built = existsSync(buildId) ? statSync(buildId).mtimeMs : 0;
  const changed = Math.max(...SOURCES.map((s) => newestMtime(path.join(root, s))));
  if (built > changed) return;
  console.log('Building the portal (next build)…');
  const result = spawnSync(path.join(root, 'node_modules', '.bin', 'next'), ['build'], {
    stdio: 'inherit',
    env: process.env,
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

async function main() {
  // `--keep` (npm run serve): serve the embedded database as it is, seeding the demo world only into an empty one.
  const { keep } = commandLine('npm run demo | npm run serve (= npm run demo -- --keep)', {
    options: { keep: { type: 'boolean', default: false } },
  }).values;
  ensureLocalSecrets();
  await prepareDatabase(keep ? { reset: false, seedIfEmpty: true } : { reset: true });
  buildIfNeeded();
  const port = String(env.port);
  const host = env.host ?? '127.0.0.1';
  // The server itself, not a wrapper, so that its PID is the one that gets the signals.
  const server = spawn(process.execPath, [path.join(root, 'server.mjs'), '-p', port, '-H', host], {
    stdio: ['ignore', 'inherit', 'inherit'],
    env: {
      ...process.env,
      AUTH_URL: process.env.AUTH_URL ?? `http://localhost:${port}`,
      // A local demo has no mail server: password-reset emails are read on /dev/mailbox instead.
      CLEARANCE_DEV_MAILBOX: process.env.CLEARANCE_DEV_MAILBOX ?? (env.smtpUrl ? '0' : '1'),
    },
  });
  const password = env.demoPassword ?? DEMO_PASSWORD_DEFAULT;
  console.log(`\nClearance is starting on http://localhost:${port}`);
  console.log(
    host === '127.0.0.1' || host === 'localhost' || host === '::1'
      ? 'It answers this machine only; to show it to others, set HOST=0.0.0.0 and AUTH_URL to the address they open.\n'
      : `It listens on ${host}: anyone who can reach it may try the demo accounts below.\n`,
  );
  console.log(`Demo accounts (password: ${password}):`);
  for (const user of DEMO_USERS) console.log(`  ${user.email.padEnd(30)} ${user.role}`);
  console.log('\nAdmin and staff accounts ask for a two-factor code: `npm run demo:totp` prints it.');
  if (!env.smtpUrl)
    console.log(
      `Emails (password reset) are not sent: read them on http://localhost:${port}/dev/mailbox (from this machine only)`,
    );
  console.log('');
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => server.kill(signal));
  server.on('exit', (code) => process.exit(code ?? 0));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
