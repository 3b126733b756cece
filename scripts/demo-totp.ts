/**
 * `npm run demo:totp`: prints the current two-factor code of the demo's admin and staff accounts (all enrolled
 * with DEMO_TOTP_SECRET, default JBSWY3DPEHPK3PXP), and how long it stays valid. A code is accepted once:
 * signing in twice within 30 seconds needs the next code.
 */
import { demoTotpSecret } from '@/db/seed/demo-world';
import { TOTP_PERIOD_SECONDS, totpCodeAt } from '@/lib/auth/totp';

const now = new Date();
const left = TOTP_PERIOD_SECONDS - (Math.floor(now.getTime() / 1000) % TOTP_PERIOD_SECONDS);
console.log(
  `${totpCodeAt(demoTotpSecret(), now)}  (valid for ${left} more seconds; next: ${totpCodeAt(demoTotpSecret(), new Date(now.getTime() + left * 1000))})`,
);
