/**
 * Where browsers report Content-Security-Policy violations (`report-uri` in lib/security/headers.ts). Each
 * report becomes one log line naming the directive and the blocked source's origin (or `inline`, `eval`):
 * never the page's address (a password-reset page's address holds its token) nor the blocked address's path
 * or query (an injected tag may try to send data out through them). The browser tests read the server log
 * and fail on any such line (e2e/final/server-logs.spec.ts).
 */

import { summarizeCspReport } from '@/lib/security/csp-report';

const MAX_BODY = 16_384;
const MAX_LINES_PER_MINUTE = 60;
let windowStartedAt = 0;
let linesInWindow = 0;

/** The body, or null when it is larger than MAX_BODY bytes. */
async function boundedText(request: Request): Promise<string | null> {
  if (Number(request.headers.get('content-length') ?? 0) > MAX_BODY) return null;
  const reader = request.body?.getReader();
  if (!reader) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_BODY) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  return new TextDecoder().decode(Buffer.concat(chunks));
}

export async function POST(request: Request): Promise<Response> {
  const text = await boundedText(request);
  if (text === null) return new Response(null, { status: 413 });
  let payload: unknown;
  try {
    payload = JSON.parse(text);
  } catch {
    return new Response(null, { status: 400 });
  }
  const now = Date.now();
  if (now - windowStartedAt > 60_000) {
    windowStartedAt = now;
    linesInWindow = 0;
  }
  for (const line of summarizeCspReport(payload)) {
    if (linesInWindow++ >= MAX_LINES_PER_MINUTE) break;
    console.warn(`[csp-violation] ${line}`);
  }
  return new Response(null, { status: 204 });
}
