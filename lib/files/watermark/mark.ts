import 'server-only';
import { randomBytes } from 'node:crypto';

/**
 * What is burned into every watermarked page and image: who viewed it, when (UTC), which item, and a short
 * forensic code that maps back to the audit event of that view (the code is written into the event's details).
 */
export type Watermark = {
  viewerName: string;
  viewerEmail: string;
  at: Date;
  itemRef: string;
  code: string;
};

// Crockford base32: no I, L, O, U, so a code read off a photo of a screen is not ambiguous.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A fresh forensic code, e.g. `WM-7K3F-9QXD` (40 random bits: unguessable enough to trace, short to read aloud). */
export function newForensicCode(): string {
  const bytes = randomBytes(5);
  let bits = 0n;
  for (const byte of bytes) bits = (bits << 8n) | BigInt(byte);
  let out = '';
  for (let i = 0; i < 8; i++) {
    out = ALPHABET[Number(bits & 31n)] + out;
    bits >>= 5n;
  }
  return `WM-${out.slice(0, 4)}-${out.slice(4)}`;
}

export const FORENSIC_CODE_PATTERN = /WM-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}/g;

/** Normalises a code typed by a person (lower case, spaces, O for 0, I/L for 1); null when it cannot be one. */
export function normaliseForensicCode(input: string): string | null {
  const compact = input
    .toUpperCase()
    .replace(/[\s_-]/g, '')
    .replace(/^WM/, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  if (!/^[0-9A-HJKMNP-TV-Z]{8}$/.test(compact)) return null;
  return `WM-${compact.slice(0, 4)}-${compact.slice(4)}`;
}

/** Every forensic code found in a text (e.g. the extracted text of a leaked PDF), de-duplicated, in order. */
export function findForensicCodes(text: string): string[] {
  return [...new Set(text.match(FORENSIC_CODE_PATTERN) ?? [])];
}

export const formatUtc = (at: Date) => `${at.toISOString().slice(0, 16).replace('T', ' ')} UTC`;

/** The watermark as lines of text (the same on PDFs, page images and images). */
export function watermarkLines(mark: Watermark): string[] {
  return [
    `${mark.viewerName} <${mark.viewerEmail}>`,
    `${formatUtc(mark.at)} · ${mark.itemRef}`,
    `Forensic code ${mark.code} · Clearance — confidential, traced to this viewer`,
  ];
}

/** One line with everything, for places with room for one line only (the diagonal band). */
export const watermarkShort = (mark: Watermark) => `${mark.viewerEmail} · ${mark.code}`;
