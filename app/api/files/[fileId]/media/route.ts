import { authorizeFileRead } from '@/lib/dal/files/authorize-file-read';
import { getSessionUser } from '@/lib/dal/account/read-session-user';
import { requestMeta } from '@/lib/dal/account/read-request-meta';
import { contentDisposition, fileHeaders, fileNotFound, parseRange, streamOf, versionParam } from '@/lib/files/serve';

export const dynamic = 'force-dynamic';

/**
 * Streams video and audio with HTTP range requests (seeking works), decrypting only the chunks the range needs.
 * Moving media is not watermarked (the page says so); every request is still decided and audited first.
 * Served as an attachment: a <video> element plays it, a browser tab opening it directly does not render it.
 */
export async function GET(request: Request, { params }: { params: Promise<{ fileId: string }> }) {
  const user = await getSessionUser();
  if (!user) return fileNotFound();
  const rangeHeader = request.headers.get('range');
  const grant = await authorizeFileRead(
    user,
    (await params).fileId,
    { mode: 'media', version: versionParam(request), range: rangeHeader },
    await requestMeta(),
  );
  if (!grant) return fileNotFound();
  const range = parseRange(rangeHeader, grant.size);
  if (range === 'unsatisfiable') {
    return new Response(null, {
      status: 416,
      headers: fileHeaders(grant.contentType, contentDisposition('attachment', grant.name), {
        'content-range': `bytes */${grant.size}`,
      }),
    });
  }
  const read = await streamOf(user, grant, range ?? undefined);
  if (!read) return fileNotFound();
  const headers = fileHeaders(grant.contentType, contentDisposition('attachment', grant.name), {
    'accept-ranges': 'bytes',
    'content-length': String(read.length),
  });
  if (range) headers.set('content-range', `bytes ${read.start}-${read.end}/${read.size}`);
  return new Response(read.body, { status: range ? 206 : 200, headers });
}
