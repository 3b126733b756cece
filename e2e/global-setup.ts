import { rmSync } from 'node:fs';
import { ledgerDir } from './totp';

/** A fresh demo world has used no two-factor code yet: forget the previous run's ledger (e2e/totp.ts). */
export default function globalSetup(): void {
  rmSync(ledgerDir(), { recursive: true, force: true });
}
