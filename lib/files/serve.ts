import 'server-only';
import { Readable } from 'node:stream';
import type { Actor } from '@/lib/authz';
import { readVersion, RangeNotSatisfiableError, type ByteRange } from '@/lib/dal/files/read-version';
import type { FileGrant } from '@/lib/dal/files/authorize-file-read';

/** Denied, unknown, not ready, not servable this way: one answer, byte-identical (docs/product.md §4). */
export function fileNotFound(): Response {
  return new Response('Not found.', {
    status: 404,
    headers: {
      'content-type': 'text/plain; charset=utf-8',
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    },
  });
}

/** The most a watermark is burned into in memory (PDFs and images); larger ones are downloaded as originals only. */
export const WATERMARK_MAX_BYTES = 200 * 1024 * 1024;

const asciiName = (name: string) => name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
export function contentDisposition(kind: 'inline' | 'attachment', name: string): string {
  return `${kind}; filename="${asciiName(name)}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/**
 * The headers of every file answer: the sniffed type, no sniffing by the browser, no caching anywhere, the
 * disposition (inline only for watermarked views), and a `sandbox` CSP so nothing served can run script or reach
 * the portal's origin even when opened directly.
 */
export function fileHeaders(contentType: string, disposition: string, extra: Record<string, string> = {}): Headers {
  return new Headers({
    'content-type': contentType,
    'x-content-type-options': 'nosniff',
    'cache-control': 'no-store',
    'content-disposition': disposition,
    'content-security-policy':
      "sandbox; default-src 'none'; img-src 'self' data:; media-src 'self'; style-src 'unsafe-inline'",
    'cross-origin-resource-policy': 'same-origin',
    'referrer-policy': 'no-referrer',
    ...extra,
  });
}

/** The whole plaintext of a granted version, verified (hash) — only for watermarking, so bounded. */
export async function readWhole(actor: Actor, grant: FileGrant): Promise<Buffer | null> {
  if (grant.size > WATERMARK_MAX_BYTES) return null;
  const read = await readVersion(actor, grant.versionId);
  if (!read) return null;
  const parts: Buffer[] = [];
  for await (const part of read.stream) parts.push(Buffer.from(part as Uint8Array));
  return Buffer.concat(parts);
}

/** The plaintext of a granted version as a web stream (never held whole), optionally a byte range. */
export async function streamOf(actor: Actor, grant: FileGrant, range?: ByteRange) {
  const read = await readVersion(actor, grant.versionId, range);
  if (!read) return null;
  return { ...read, body: Readable.toWeb(read.stream) as unknown as ReadableStream<Uint8Array> };
}

/** Parses one `bytes=` range (the only form browsers send for media); null when absent or not understood. */
export function parseRange(header: string | null, size: number): ByteRange | 'unsatisfiable' | null {
  if (!header) return null;
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m || (m[1] === '' && m[2] === '')) return null;
  if (m[1] === '') {
    const suffix = Number(m[2]);
    if (suffix === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(m[1]);
  const end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  if (start >= size || end < start) return 'unsatisfiable';
  return { start, end };
}

export { RangeNotSatisfiableError };

/** `?v=3` → 3; anything else → null (the newest ready version). */
export function versionParam(request: Request): number | null {
  const v = new URL(request.url).searchParams.get('v');
  return v && /^[1-9]\d{0,5}$/.test(v) ? Number(v) : null;
}
