import 'server-only';
import { fileTypeFromBuffer } from 'file-type';

/*
 * A file's type comes from its content (magic bytes, via `file-type`), never from its name or the browser's
 * claim (issue 13). Only the allow-list below is stored; executables, HTML, SVG, macro-enabled Office files and
 * anything unrecognised are refused. Text has no magic bytes: valid UTF-8 without NUL bytes that does not
 * open like markup is plain text.
 */

/** Bytes of the head the sniffer looks at (OOXML needs its first zip entries; all of it lies in chunk 0). */
export const SNIFF_BYTES = 64 * 1024;

const ALLOWED = new Set([
  'application/pdf',
  'image/jpeg',
  'image/png',
  'image/gif',
  'image/webp',
  'image/tiff',
  'image/bmp',
  'image/heic',
  'image/heif',
  'image/avif',
  'video/mp4',
  'video/quicktime',
  'video/webm',
  'video/x-m4v',
  'audio/mpeg',
  'audio/mp4',
  'audio/x-m4a',
  'audio/wav',
  'audio/ogg',
  'audio/flac',
  'audio/aac',
  'audio/aiff',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  'application/vnd.oasis.opendocument.text',
  'application/vnd.oasis.opendocument.spreadsheet',
  'application/vnd.oasis.opendocument.presentation',
  /** Legacy .doc/.xls/.ppt (a compound file). */
  'application/x-cfb',
  'application/zip',
  'text/plain',
]);

/** Markup a browser would run or render (HTML, SVG, XML); refused even though it is text. */
const MARKUP = /^\s*<(?:!doctype|html|head|body|script|svg|\?xml|iframe|object|embed|meta|a\s|div|img|style)/i;

function looksLikeText(head: Uint8Array): boolean {
  if (head.includes(0)) return false;
  // A chunk boundary may cut a multi-byte character: allow an incomplete sequence at the very end only.
  const text = new TextDecoder('utf-8', { fatal: false }).decode(head);
  const bad = text.indexOf('\uFFFD');
  return bad === -1 || bad >= text.length - 3;
}

/** The allowed MIME type of content starting with `head`, or null when it is refused. */
export async function sniffType(head: Uint8Array): Promise<string | null> {
  const found = await fileTypeFromBuffer(head);
  if (found) return ALLOWED.has(found.mime) ? found.mime : null;
  const start = new TextDecoder().decode(head.subarray(0, 1024)).replace(/^\uFEFF/, '');
  if (MARKUP.test(start)) return null;
  return looksLikeText(head) ? 'text/plain' : null;
}

export const isAllowedType = (mime: string) => ALLOWED.has(mime);
