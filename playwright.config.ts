import { existsSync } from 'node:fs';
import { defineConfig, devices } from '@playwright/test';

/**
 * Browser tests against a production build (`next build` is run by scripts/e2e.mjs before Playwright starts)
 * served on an isolated PGlite database freshly seeded with the demo world of docs/product.md §9.
 *
 * Two projects: `readonly` (specs that only read; they run first, in parallel) and `mutating` (specs that
 * change the demo world; they run after every read-only spec has finished, one at a time).
 */
const port = Number(process.env.E2E_PORT ?? 3100);
// Auth.js builds its redirects from `localhost`: never use 127.0.0.1 here.
const baseURL = `http://localhost:${port}`;

// Debian's Chromium when present (Playwright's own download is impossible on this machine); otherwise the
// browser `playwright install chromium` fetched (scripts/e2e.mjs does that where it can).
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const executablePath = existsSync(chromiumPath) ? chromiumPath : undefined;

const browser = {
  ...devices['Desktop Chrome'],
  browserName: 'chromium' as const,
  headless: true,
  launchOptions: {
    ...(executablePath ? { executablePath } : {}),
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  },
};

export default defineConfig({
  testDir: 'e2e',
  // Resets the ledger of two-factor codes used (e2e/totp.ts) for the fresh demo world.
  globalSetup: './e2e/global-setup.ts',
  outputDir: 'test-results/e2e-artifacts',
  workers: 2,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['json', { outputFile: 'test-results/e2e-results.json' }]],
  use: {
    baseURL,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    actionTimeout: 15_000,
    navigationTimeout: 30_000,
  },
  projects: [
    {
      name: 'readonly',
      testMatch: ['readonly/**/*.spec.ts', '**/*.readonly.spec.ts'],
      testIgnore: ['mutating/**'],
      fullyParallel: true,
      // Read-only specs change nothing, so one retry is safe; a retry that passes is reported as flaky in the
      // totals line. Mutating specs are never retried: a second attempt would start from a changed world.
      retries: 1,
      use: browser,
    },
    {
      name: 'mutating',
      testMatch: ['mutating/**/*.spec.ts'],
      dependencies: ['readonly'],
      fullyParallel: false,
      workers: 1,
      use: browser,
    },
    {
      // Checks of the whole run (the server's log), after every other spec has finished.
      name: 'final',
      testMatch: ['final/**/*.spec.ts'],
      dependencies: ['readonly', 'mutating'],
      use: browser,
    },
  ],
  webServer: {
    // Wipes and seeds .data/e2e (PGlite, never DATABASE_URL), then runs `next start` on the build.
    command: 'node_modules/.bin/tsx --conditions=react-server scripts/e2e-server.ts',
    url: `${baseURL}/sign-in`,
    env: { E2E_PORT: String(port) },
    timeout: 120_000,
    reuseExistingServer: false,
    stdout: 'pipe',
    stderr: 'pipe',
    gracefulShutdown: { signal: 'SIGTERM', timeout: 5_000 },
  },
});
