import { mayAdminister } from '@/lib/dal/guard';
import { getSessionUser } from '@/lib/dal/account/read-session-user';
import { codesFromLeak } from '@/lib/files/watermark';
import { fileNotFound } from '@/lib/files/serve';

const MAX_LEAK_BYTES = 8 * 1024 * 1024;

/**
 * Reads the forensic code out of an uploaded leaked copy (a PDF's page text or, failing that, the QR symbol on its
 * rendered pages; an image's metadata as Clearance served it or, failing that, the QR symbol in its pixels — a
 * re-encoded, scaled or cropped screenshot) and sends the administrator to the trace page with it, where the
 * look-up runs and is audited.
 * Nothing is stored. Administrators only; a post from another origin is refused.
 */
export async function POST(request: Request) {
  const user = await getSessionUser();
  if (!user || !mayAdminister(user, 'audit.view')) return fileNotFound();
  const origin = request.headers.get('origin');
  if (origin && origin !== new URL(request.url).origin && request.headers.get('sec-fetch-site') !== 'same-origin') {
    return new Response('Forbidden.', { status: 403, headers: { 'content-type': 'text/plain; charset=utf-8' } });
  }
  const back = (query: string) =>
    new Response(null, { status: 303, headers: { location: `/admin/trace?${query}`, 'cache-control': 'no-store' } });
  let codes: string[] = [];
  let via = 'none';
  try {
    const form = await request.formData();
    const file = form.get('leaked');
    if (file instanceof File && file.size > 0 && file.size <= MAX_LEAK_BYTES) {
      ({ codes, via } = await codesFromLeak(new Uint8Array(await file.arrayBuffer())));
    }
  } catch {
    codes = [];
  }
  if (codes.length === 0) return back('leak=unreadable');
  return back(new URLSearchParams({ code: codes[0]!, via }).toString());
}
