import { getSignedRecordDocument } from '@/lib/dal/public-use/read-signed-record';
import { getSessionUser } from '@/lib/dal/account/read-session-user';
import { requestMeta } from '@/lib/dal/account/read-request-meta';
import { parseId } from '@/lib/validations/ids';

/** Downloads a signed authorization record (both parties: the client and identity-scoped staff). */
export async function GET(_request: Request, { params }: { params: Promise<{ recordId: string }> }) {
  const user = await getSessionUser();
  const recordId = parseId((await params).recordId);
  const document = user && recordId ? await getSignedRecordDocument(user, recordId, await requestMeta()) : null;
  if (!document)
    return new Response('Not found.', {
      status: 404,
      headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' },
    });
  return new Response(document.body, {
    headers: {
      'content-type': 'text/plain; charset=utf-8',
      'content-disposition': `attachment; filename="${document.filename}"`,
      'cache-control': 'no-store',
    },
  });
}
