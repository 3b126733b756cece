import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { canariesIn, CLIENT_NAMES, DEMO_PASSWORD } from '../helpers';

/**
 * Runs after every other browser test (playwright.config.ts, project `final`): everything the server printed
 * during the run (scripts/e2e-server.ts keeps it beside the database) holds no item content and no secret,
 * whatever the tests threw at it: failed sign-ins, refused pages, bad input to every form; and no browser
 * reported a Content-Security-Policy violation on any page of any test.
 */

const dataDir = process.env.E2E_DATA_DIR ?? path.join(process.cwd(), '.data', 'e2e');
const logFile = `${dataDir.replace(/\/+$/, '')}.server.log`;

/** The demo's keys, from the environment or the files the demo keeps them in (scripts/env.ts). */
function localSecrets(): string[] {
  const fromFile = (name: string) => {
    const file = path.join(process.cwd(), '.data', name);
    return existsSync(file) ? readFileSync(file, 'utf8').trim() : '';
  };
  return [
    process.env.AUTH_SECRET || fromFile('auth-secret'),
    process.env.CLEARANCE_MASTER_KEY || fromFile('master-key'),
    process.env.DEMO_TOTP_SECRET || 'JBSWY3DPEHPK3PXP',
    DEMO_PASSWORD,
  ].filter((s) => s.length >= 8);
}

test('the server log of the whole run holds no item content, client name, password or key, and no CSP violation', () => {
  expect(existsSync(logFile), `server log at ${logFile}`).toBe(true);
  const log = readFileSync(logFile, 'utf8');
  // The server entry (server.mjs) announces itself; its request lines prove the log covers the run.
  expect(log, 'the log is the server’s').toMatch(/Clearance listening on /);
  expect(log, 'the log holds the run’s requests').toMatch(/"msg":"request"/);
  expect(canariesIn(log), 'canaries in the server log').toEqual([]);
  for (const name of CLIENT_NAMES) expect(log.includes(name), `"${name}" in the server log`).toBe(false);
  for (const secret of localSecrets()) expect(log.includes(secret), 'a password or key in the server log').toBe(false);
  // Every page any test opened ran under the Content-Security-Policy; browsers report violations at once to
  // app/api/csp-report, which logs one line each.
  expect(
    log.split('\n').filter((line) => line.includes('[csp-violation]')),
    'CSP violations reported during the run',
  ).toEqual([]);
  console.info(`Server log: ${log.split('\n').length} lines, ${log.length} bytes, checked.`);
});
