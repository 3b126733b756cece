import { authorizeFileRead } from '@/lib/dal/files/authorize-file-read';
import { getSessionUser } from '@/lib/dal/account/read-session-user';
import { requestMeta } from '@/lib/dal/account/read-request-meta';
import { contentDisposition, fileHeaders, fileNotFound, readWhole, versionParam } from '@/lib/files/serve';
import { stampImage, stampPdf } from '@/lib/files/watermark';

export const dynamic = 'force-dynamic';

/**
 * Views a PDF or an image in the browser, watermarked for the viewer (name, email, UTC time, item, forensic code
 * burned into every page / the pixels). A view-only item's PDFs are not served here: they are shown as page images
 * (../pages/[page]). The decision and its audit event commit before a byte is read (fail closed).
 */
export async function GET(request: Request, { params }: { params: Promise<{ fileId: string }> }) {
  const user = await getSessionUser();
  if (!user) return fileNotFound();
  const grant = await authorizeFileRead(
    user,
    (await params).fileId,
    { mode: 'view', version: versionParam(request) },
    await requestMeta(),
  );
  if (!grant) return fileNotFound();
  const bytes = await readWhole(user, grant);
  if (!bytes) return fileNotFound();
  const mark = {
    viewerName: user.name,
    viewerEmail: user.email,
    at: grant.at,
    itemRef: grant.itemRef,
    code: grant.code,
  };
  if (grant.contentType === 'application/pdf') {
    const pdf = await stampPdf(bytes, mark);
    return new Response(Buffer.from(pdf), {
      headers: fileHeaders('application/pdf', contentDisposition('inline', grant.name), {
        'x-forensic-code': grant.code,
      }),
    });
  }
  const image = await stampImage(bytes, mark);
  return new Response(new Uint8Array(image.bytes), {
    headers: fileHeaders(image.contentType, contentDisposition('inline', grant.name), {
      'x-forensic-code': grant.code,
    }),
  });
}
