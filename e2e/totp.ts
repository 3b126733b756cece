import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from '@playwright/test';
import { createGuardrails, generateSync } from 'otplib';

/*
 * Two-factor codes for the browser tests, with the same library as the portal.
 *
 * The portal accepts a TOTP code once per account: it remembers the last 30-second step used and refuses that
 * step and earlier ones (replay protection). It also accepts the next step's code (clock drift). Several
 * specs, in parallel workers, sign in as the same demo user, so each sign-in claims a step no one has used:
 * under a per-user lock (a directory, created atomically, shared by the workers), it takes the earliest step
 * the portal still accepts that is later than the last one used (the previous step while enough of the
 * current one remains, the current step, the next one), waiting for the clock when all are taken, and
 * records it. Time spent waiting is added to the running test's timeout: the replay rule, not the portal,
 * is slow there.
 */

export const DEMO_TOTP_SECRET = process.env.DEMO_TOTP_SECRET ?? 'JBSWY3DPEHPK3PXP';
const PERIOD_MS = 30_000;
// The demo secret is the classic 10-byte example key, below otplib's default 16-byte floor (as in the portal).
const guardrails = createGuardrails({ MIN_SECRET_BYTES: 10 });

export const totpCodeAtStep = (secret: string, step: number): string =>
  generateSync({ secret, epoch: step * (PERIOD_MS / 1000), guardrails });

const currentStep = () => Math.floor(Date.now() / PERIOD_MS);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function extendTimeout(waitedMs: number): void {
  if (waitedMs < 1_000) return;
  try {
    const info = test.info();
    info.setTimeout(info.timeout + waitedMs);
  } catch {
    // Not inside a test or hook: nothing to extend.
  }
}

/** The shared ledger of this test run's server (reset by e2e/global-setup.ts). */
export const ledgerDir = () => path.join(tmpdir(), `clearance-e2e-totp-${process.env.E2E_PORT ?? '3100'}`);
const slug = (account: string) => account.toLowerCase().replace(/[^a-z0-9]+/g, '_');

async function lock(file: string): Promise<void> {
  mkdirSync(path.dirname(file), { recursive: true });
  for (;;) {
    try {
      mkdirSync(file);
      return;
    } catch {
      // A lock older than a minute belongs to a worker that died.
      try {
        if (Date.now() - statSync(file).mtimeMs > 60_000) rmSync(file, { recursive: true, force: true });
      } catch {}
      await sleep(100);
    }
  }
}

/**
 * Runs `use` with a code no one has used yet for this account, and records its step. `use` must submit the
 * code and wait until the portal has answered.
 */
export async function withFreshTotpCode<T>(
  account: string,
  secret: string,
  use: (code: string) => Promise<T>,
): Promise<T> {
  const dir = ledgerDir();
  const lockFile = path.join(dir, `${slug(account)}.lock`);
  const lastFile = path.join(dir, `${slug(account)}.last`);
  const waitStarted = Date.now();
  await lock(lockFile);
  try {
    let last = -1;
    try {
      last = Number(readFileSync(lastFile, 'utf8')) || -1;
    } catch {}
    while (last + 1 > currentStep() + 1) await sleep(500);
    // The previous step only while at least 10 seconds of the current one remain (the portal's window moves on).
    const earliest = Date.now() % PERIOD_MS < PERIOD_MS - 10_000 ? currentStep() - 1 : currentStep();
    const step = Math.max(earliest, last + 1);
    extendTimeout(Date.now() - waitStarted);
    try {
      return await use(totpCodeAtStep(secret, step));
    } finally {
      writeFileSync(lastFile, String(step));
    }
  } finally {
    rmSync(lockFile, { recursive: true, force: true });
  }
}
