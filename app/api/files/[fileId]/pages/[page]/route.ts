import { authorizeFileRead } from '@/lib/dal/files/authorize-file-read';
import { getSessionUser } from '@/lib/dal/account/read-session-user';
import { requestMeta } from '@/lib/dal/account/read-request-meta';
import { contentDisposition, fileHeaders, fileNotFound, readWhole, versionParam } from '@/lib/files/serve';
import { renderPdfPage } from '@/lib/files/watermark';

export const dynamic = 'force-dynamic';

/**
 * One page of a PDF as a PNG with the viewer's watermark in its pixels: how view-only PDFs are shown (no route
 * hands their bytes out as a file). Each page image is its own audited view with its own forensic code.
 */
export async function GET(request: Request, { params }: { params: Promise<{ fileId: string; page: string }> }) {
  const user = await getSessionUser();
  const { fileId, page } = await params;
  if (!user || !/^[1-9]\d{0,4}$/.test(page)) return fileNotFound();
  const number = Number(page);
  const grant = await authorizeFileRead(
    user,
    fileId,
    { mode: 'page', version: versionParam(request), page: number },
    await requestMeta(),
  );
  if (!grant) return fileNotFound();
  const bytes = await readWhole(user, grant);
  if (!bytes) return fileNotFound();
  const png = await renderPdfPage(bytes, number - 1, {
    viewerName: user.name,
    viewerEmail: user.email,
    at: grant.at,
    itemRef: grant.itemRef,
    code: grant.code,
  });
  if (!png) return fileNotFound();
  return new Response(new Uint8Array(png), {
    headers: fileHeaders('image/png', contentDisposition('inline', `${grant.name}-page-${number}.png`), {
      'x-forensic-code': grant.code,
    }),
  });
}
