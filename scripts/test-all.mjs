#!/usr/bin/env node
/**
 * `npm test`: every test. Format and lint, type-check, then unit and integration tests (vitest: PGlite always,
 * PostgreSQL too when DATABASE_URL is set), then the browser tests on a production build. Ends with one line of totals:
 * `N passed, N failed`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';

const root = process.cwd();
const bin = (name) => path.join(root, 'node_modules', '.bin', name);
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1' };
const reports = path.join(root, 'test-results');
mkdirSync(reports, { recursive: true });

function run(label, command, args) {
  console.log(`\n── ${label} ──\n$ ${path.relative(root, command) || command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { stdio: 'inherit', env });
  return result.status ?? 1;
}

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

const totals = { passed: 0, failed: 0, skipped: 0, flaky: 0 };
const failures = [];

// 1. Format and lint (Prettier, ESLint: a warning fails as an error does), then types. Each failure is reported;
// the tests still run, so one run shows everything that is wrong.
if (run('Format (Prettier)', bin('prettier'), ['--check', '--log-level=warn', '.']) !== 0) failures.push('format');
if (run('Lint (ESLint)', bin('eslint'), ['--max-warnings', '0', '.']) !== 0) failures.push('lint');
if (run('Type check', bin('tsc'), ['--noEmit']) !== 0) failures.push('type check');

// 2. Unit and integration tests.
const vitestJson = path.join(reports, 'vitest.json');
rmSync(vitestJson, { force: true });
const vitestStatus = run(
  `Unit and integration tests (${process.env.DATABASE_URL ? 'PGlite and PostgreSQL' : 'PGlite; set DATABASE_URL to add PostgreSQL'})`,
  bin('vitest'),
  ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestJson}`],
);
const vitest = readJson(vitestJson);
if (vitest) {
  totals.passed += vitest.numPassedTests ?? 0;
  totals.failed += vitest.numFailedTests ?? 0;
  totals.skipped += (vitest.numPendingTests ?? 0) + (vitest.numTodoTests ?? 0);
}
if (vitestStatus !== 0 || !vitest) failures.push('vitest');

// 3. Browser tests.
const e2eJson = path.join(reports, 'e2e-results.json');
rmSync(e2eJson, { force: true });
const e2eStatus = run('Browser tests (Playwright, production build)', process.execPath, [
  path.join(root, 'scripts', 'e2e.mjs'),
]);
const e2e = existsSync(e2eJson) ? readJson(e2eJson) : null;
if (e2e?.stats) {
  totals.passed += (e2e.stats.expected ?? 0) + (e2e.stats.flaky ?? 0);
  totals.failed += e2e.stats.unexpected ?? 0;
  totals.skipped += e2e.stats.skipped ?? 0;
  totals.flaky += e2e.stats.flaky ?? 0;
}
if (e2eStatus !== 0 || !e2e) failures.push('browser tests');

if (failures.length > 0) {
  console.log(`\nFailed: ${failures.join(', ')}`);
  if (totals.failed === 0) totals.failed = failures.length;
}
if (totals.flaky > 0)
  console.log(`\n${totals.flaky} read-only browser test(s) passed only on their retry: see the list above.`);
console.log(`\n${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ''}`);
process.exit(failures.length > 0 ? 1 : 0);
