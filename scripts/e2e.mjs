#!/usr/bin/env node
/**
 * `npm run test:e2e`: the browser tests.
 *
 * 1. Finds a Chromium (CHROMIUM_PATH, /usr/bin/chromium, /usr/bin/chromium-browser); on Debian/Ubuntu as root it
 *    installs Debian's `chromium` when none is there, elsewhere it lets Playwright download its own.
 * 2. Builds the portal (`next build`) when .next/BUILD_ID is missing or older than the sources.
 * 3. Runs `playwright test` with any extra arguments (e.g. `npm run test:e2e -- e2e/readonly/public.readonly.spec.ts`)
 *    and exits with its code. Playwright itself starts the server (scripts/e2e-server.ts) on an isolated PGlite.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const root = process.cwd();
const bin = (name) => path.join(root, 'node_modules', '.bin', name);
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1' };

function run(command, args, options = {}) {
  console.log(`$ ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { stdio: 'inherit', env, ...options });
  if (result.error) console.error(result.error.message);
  return result.status ?? 1;
}

function findChromium() {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(Boolean);
  return candidates.find((candidate) => existsSync(candidate));
}

function ensureBrowser() {
  let chromium = findChromium();
  const isDebian = existsSync('/etc/debian_version');
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!chromium && isDebian && isRoot) {
    console.log("No Chromium found: installing Debian's chromium package…");
    if (
      run('apt-get', ['update']) === 0 &&
      run('apt-get', ['install', '-y', 'chromium'], { env: { ...env, DEBIAN_FRONTEND: 'noninteractive' } }) === 0
    ) {
      chromium = findChromium();
    }
  }
  if (chromium) {
    env.CHROMIUM_PATH = chromium;
    console.log(`Using Chromium at ${chromium}`);
    return;
  }
  // No system browser: Playwright's own (playwright.config.ts sets no executablePath when CHROMIUM_PATH is absent).
  delete env.CHROMIUM_PATH;
  console.log("No system Chromium: installing Playwright's own…");
  const status = existsSync(bin('playwright'))
    ? run(bin('playwright'), ['install', 'chromium'])
    : run('npx', ['playwright', 'install', 'chromium']);
  if (status !== 0) {
    console.error('Could not install a browser for the browser tests.');
    process.exit(status);
  }
}

const SOURCES = [
  'app',
  'components',
  'lib',
  'db',
  'public',
  'auth.ts',
  'next.config.ts',
  'instrumentation.ts',
  'proxy.ts',
  'middleware.ts',
  'postcss.config.mjs',
  'package.json',
];

function newestMtime(target) {
  if (!existsSync(target)) return 0;
  const stat = statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const name of readdirSync(target)) newest = Math.max(newest, newestMtime(path.join(target, name)));
  return newest;
}

function buildIfNeeded() {
  const buildId = path.join(root, process.env.NEXT_DIST_DIR ?? '.next', 'BUILD_ID');
  const built = existsSync(buildId) ? statSync(buildId).mtimeMs : 0;
  const changed = Math.max(...SOURCES.map((source) => newestMtime(path.join(root, source))));
  if (built > changed) {
    console.log('The production build is up to date.');
    return;
  }
  console.log('Building the portal (next build)…');
  const status = run(bin('next'), ['build']);
  if (status !== 0) {
    console.error('next build failed.');
    process.exit(status);
  }
}

ensureBrowser();
buildIfNeeded();

// The e2e server always uses PGlite (scripts/e2e-server.ts drops DATABASE_URL too).
delete env.DATABASE_URL;
const child = spawn(bin('playwright'), ['test', ...process.argv.slice(2)], { stdio: 'inherit', env });
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    if (child.exitCode === null) child.kill(signal);
  });
}
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
child.on('error', (error) => {
  console.error(error.message);
  process.exit(1);
});
