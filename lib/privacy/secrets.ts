import 'server-only';
import { createHash, randomInt } from 'node:crypto';

/** A six-digit code, leading zeros kept. */
export const sixDigitCode = (): string => String(randomInt(0, 1_000_000)).padStart(6, '0');

/**
 * Codes are stored as SHA-256 salted with their challenge's id, so equal codes differ in the table. A code has
 * a million values, so the hash is no defence against someone holding the database: ten minutes and three
 * tries are what protect it.
 */
export const hashCode = (challengeId: string, code: string): string =>
  createHash('sha256').update(`privacy-code:${challengeId}:${code}`, 'utf8').digest('hex');

/** The suppression list's key: a domain-separated SHA-256 of the normalized email. */
export const suppressionHash = (email: string): string =>
  createHash('sha256').update(`suppression:${email.trim().toLowerCase()}`, 'utf8').digest('hex');

/** "nova@talent.test" → "n***@talent.test": enough to recognise, not to learn. */
export function maskEmail(email: string): string {
  const [local = '', domain = ''] = email.split('@');
  return `${local.slice(0, 1)}***@${domain}`;
}
