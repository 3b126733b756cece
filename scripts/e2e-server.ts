/**
 * The web server of the browser tests (playwright.config.ts `webServer`): wipes and seeds an isolated PGlite
 * database in .data/e2e with the demo world, then serves the production build with server.mjs (as `npm start`).
 *
 * Always PGlite: DATABASE_URL is removed from the environment whatever the shell says, so the browser tests
 * never touch (or reset!) a PostgreSQL database. The build itself is made by scripts/e2e.mjs beforehand.
 */
import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { ensureLocalSecrets } from './env';
import { prepareDatabase } from './prepare-db';

/** Where the server's output is kept during a browser-test run, beside its database directory (e2e/helpers.ts agrees). */
const serverLogPath = (dataDir: string): string => `${dataDir.replace(/\/+$/, '')}.server.log`;

const root = process.cwd();

async function main() {
  const port = process.env.E2E_PORT ?? process.env.PORT ?? '3100';
  // E2E_DATA_DIR and NEXT_DIST_DIR let several browser-test runs share one checkout.
  const dataDir = process.env.E2E_DATA_DIR ?? path.join(root, '.data', 'e2e');
  const distDir = process.env.NEXT_DIST_DIR ?? '.next';

  delete process.env.DATABASE_URL;
  process.env.PGLITE_DIR = dataDir;
  process.env.AUTH_URL = `http://localhost:${port}`;
  process.env.NEXT_TELEMETRY_DISABLED = '1';
  // The browser tests read password-reset links from /dev/mailbox (a 404 in production otherwise).
  process.env.CLEARANCE_DEV_MAILBOX = '1';
  // Nothing runs by itself while the tests look (reminders would add notifications); "Run now" still works.
  process.env.CLEARANCE_JOBS = 'off';
  ensureLocalSecrets();

  if (!existsSync(path.join(root, distDir, 'BUILD_ID'))) {
    throw new Error(`No production build in ${distDir}: run the browser tests with \`npm run test:e2e\`.`);
  }

  rmSync(dataDir, { recursive: true, force: true });
  await prepareDatabase({ reset: true });

  const env: NodeJS.ProcessEnv = { ...process.env, PORT: port };
  delete env.DATABASE_URL;
  // server.mjs (the portal's own server, the one `npm start` runs) on every interface: a browser test reaches it
  // from a non-loopback address too (e2e/readonly/edges.readonly.spec.ts).
  const server = spawn(process.execPath, [path.join(root, 'server.mjs'), '-p', port], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env,
  });
  // Everything the server prints also goes to a file, which the last browser test reads for leaks
  // (e2e/final/server-logs.spec.ts): logs must never hold item contents or secrets.
  const log = createWriteStream(serverLogPath(dataDir), { flags: 'w' });
  server.stdout.on('data', (chunk: Buffer) => {
    process.stdout.write(chunk);
    log.write(chunk);
  });
  server.stderr.on('data', (chunk: Buffer) => {
    process.stderr.write(chunk);
    log.write(chunk);
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (server.exitCode === null) server.kill(signal);
    });
  }
  server.on('exit', (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
