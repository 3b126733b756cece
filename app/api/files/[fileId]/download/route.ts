import { authorizeFileRead, isWatermarked } from '@/lib/dal/files/authorize-file-read';
import { getSessionUser } from '@/lib/dal/account/read-session-user';
import { requestMeta } from '@/lib/dal/account/read-request-meta';
import { contentDisposition, fileHeaders, fileNotFound, readWhole, streamOf, versionParam } from '@/lib/files/serve';
import { stampImage, stampPdf } from '@/lib/files/watermark';

export const dynamic = 'force-dynamic';

/**
 * Downloads a file (`file.download`: a view-only item answers 404, except to the owning client). PDFs and images
 * are the watermarked copy; other types are the original, streamed (never held whole). Audited before any byte.
 */
export async function GET(request: Request, { params }: { params: Promise<{ fileId: string }> }) {
  const user = await getSessionUser();
  if (!user) return fileNotFound();
  const grant = await authorizeFileRead(
    user,
    (await params).fileId,
    { mode: 'download', version: versionParam(request) },
    await requestMeta(),
  );
  if (!grant) return fileNotFound();
  const mark = {
    viewerName: user.name,
    viewerEmail: user.email,
    at: grant.at,
    itemRef: grant.itemRef,
    code: grant.code,
  };
  if (isWatermarked(grant.contentType)) {
    const bytes = await readWhole(user, grant);
    if (!bytes) return fileNotFound();
    const out =
      grant.contentType === 'application/pdf'
        ? { bytes: Buffer.from(await stampPdf(bytes, mark)), contentType: 'application/pdf' }
        : await stampImage(bytes, mark);
    const name = out.contentType === 'image/png' && !/\.png$/i.test(grant.name) ? `${grant.name}.png` : grant.name;
    return new Response(new Uint8Array(out.bytes), {
      headers: fileHeaders(out.contentType, contentDisposition('attachment', name), { 'x-forensic-code': grant.code }),
    });
  }
  const read = await streamOf(user, grant);
  if (!read) return fileNotFound();
  return new Response(read.body, {
    headers: fileHeaders(grant.contentType, contentDisposition('attachment', grant.name), {
      'content-length': String(read.length),
    }),
  });
}
