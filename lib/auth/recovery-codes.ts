import 'server-only';
import { randomBytes } from 'node:crypto';
import { sha256Hex } from '@/lib/crypto/tokens';

/*
 * Recovery codes: ten one-time codes of 16 characters from a 32-letter alphabet (80 random bits each),
 * shown once and stored as SHA-256 hashes. With that much entropy a fast hash is enough: no one can search
 * 2^80 candidates, so the slow password hash buys nothing here.
 */

export const RECOVERY_CODE_COUNT = 10;
// No 0/O or 1/I: codes are read off paper.
const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
const LENGTH = 16;

export function generateRecoveryCodes(count: number = RECOVERY_CODE_COUNT): string[] {
  return Array.from({ length: count }, () => {
    // 256 is a multiple of 32, so `byte & 31` is uniform.
    const chars = [...randomBytes(LENGTH)].map((byte) => ALPHABET[byte & 31]).join('');
    return chars.match(/.{4}/g)!.join('-');
  });
}

/** The canonical form of what someone typed, or null when it cannot be a recovery code. */
export function normalizeRecoveryCode(input: string): string | null {
  const compact = input.toUpperCase().replace(/[\s-]/g, '');
  if (compact.length !== LENGTH) return null;
  for (const char of compact) if (!ALPHABET.includes(char)) return null;
  return compact;
}

export const hashRecoveryCode = (normalized: string): string => sha256Hex(`recovery-code:${normalized}`);
