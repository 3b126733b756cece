import { Readable } from 'node:stream';
import { consumeExportLink } from '@/lib/dal/privacy/consume-export-link';
import { clientIpFrom } from '@/lib/security/client-ip';

/**
 * POST from the export page: hands over the ZIP once, streamed as it is made (the person's own uploads may be
 * gigabytes: their bytes are read, decrypted and checked chunk by chunk as the browser takes them). Refuses cross-site
 * posts (by Sec-Fetch-Site, or the Origin when the browser sends a real one: under `Referrer-Policy: no-referrer` a
 * form's Origin is "null"), and answers an unknown, used or expired link with the page that says so.
 */
function crossSite(request: Request): boolean {
  const site = request.headers.get('sec-fetch-site');
  if (site && site !== 'same-origin' && site !== 'none') return true;
  const origin = request.headers.get('origin');
  const host = request.headers.get('x-forwarded-host') ?? request.headers.get('host');
  if (!origin || origin === 'null' || !host) return false;
  try {
    return new URL(origin).host !== host;
  } catch {
    return true;
  }
}

export async function POST(request: Request, { params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const url = new URL(request.url);
  if (crossSite(request)) return new Response('Forbidden', { status: 403 });
  const meta = { ip: clientIpFrom(request.headers), userAgent: request.headers.get('user-agent') };
  const download = /^[\w-]{20,100}$/.test(token) ? await consumeExportLink(token, meta) : null;
  if (!download) return Response.redirect(new URL(`/privacy/export/${encodeURIComponent(token)}`, url), 303);
  const body = Readable.toWeb(
    Readable.from(download.archive, { objectMode: false }),
  ) as unknown as ReadableStream<Uint8Array>;
  return new Response(body, {
    status: 200,
    headers: {
      'Content-Type': 'application/zip',
      'Content-Disposition': `attachment; filename="${download.filename}"`,
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
    },
  });
}
