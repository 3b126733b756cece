import 'server-only';
import { createGuardrails, generateSecret, generateSync, generateURI, verifySync } from 'otplib';

/*
 * TOTP (RFC 6238) with otplib: 6 digits, 30-second steps, SHA-1, the parameters every authenticator app uses.
 * A code is accepted for the current step or one step either side (clock drift), and only once: the caller
 * stores the accepted step and passes it back as `lastTimeStep`, so the same code, or an older one, is refused.
 */

export const TOTP_ISSUER = 'Clearance';

/** The envelope context a user's TOTP secret is sealed under (lib/crypto/envelope.ts): bound to its owner. */
export const totpContext = (userId: string) => `totp:${userId}`;
export const TOTP_PERIOD_SECONDS = 30;

// Secrets made here are 20 bytes (RFC 4226's recommendation). The fixed demo secret is the classic 10-byte
// example key, below otplib's default floor of 16 bytes, so the floor is lowered to accept it.
const guardrails = createGuardrails({ MIN_SECRET_BYTES: 10 });

export const newTotpSecret = (): string => generateSecret({ length: 20 });

export const totpUri = (secret: string, account: string): string =>
  generateURI({ issuer: TOTP_ISSUER, label: account, secret });

export const timeStepAt = (now: Date): number => Math.floor(now.getTime() / 1000 / TOTP_PERIOD_SECONDS);

/** The code of the step containing `now` (for the demo's helper script and tests). */
export const totpCodeAt = (secret: string, now: Date = new Date()): string =>
  generateSync({ secret, epoch: Math.floor(now.getTime() / 1000), guardrails });

export type TotpCheck = { ok: true; timeStep: number } | { ok: false; reason: 'invalid' | 'replayed' };

/** Strips the spaces people type into codes ("123 456"). */
export const normalizeTotpCode = (code: string): string => code.replace(/[\s-]/g, '');

export const isTotpCodeShape = (code: string): boolean => /^\d{6}$/.test(normalizeTotpCode(code));

export function checkTotp(
  secret: string,
  code: string,
  lastTimeStep: number | null,
  now: Date = new Date(),
): TotpCheck {
  const token = normalizeTotpCode(code);
  if (!/^\d{6}$/.test(token)) return { ok: false, reason: 'invalid' };
  const result = verifySync({
    secret,
    token,
    epoch: Math.floor(now.getTime() / 1000),
    epochTolerance: TOTP_PERIOD_SECONDS,
    guardrails,
  });
  if (!result.valid || !('timeStep' in result)) return { ok: false, reason: 'invalid' };
  if (lastTimeStep !== null && result.timeStep <= lastTimeStep) return { ok: false, reason: 'replayed' };
  return { ok: true, timeStep: result.timeStep };
}
