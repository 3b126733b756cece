import { getNdaRecordDocument } from '@/lib/dal/ndas/read-nda-record';
import { AppError } from '@/lib/errors';
import { getSessionUser } from '@/lib/dal/account/read-session-user';
import { requestMeta } from '@/lib/dal/account/read-request-meta';
import { parseId } from '@/lib/validations/ids';

const NOT_FOUND = () =>
  new Response('Not found.', {
    status: 404,
    headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' },
  });

/** Downloads a signed NDA record: the signer and the admins; anyone else gets not found. */
export async function GET(_request: Request, { params }: { params: Promise<{ signatureId: string }> }) {
  const user = await getSessionUser();
  const signatureId = parseId((await params).signatureId);
  if (!user || !signatureId) return NOT_FOUND();
  try {
    const document = await getNdaRecordDocument(user, signatureId, await requestMeta());
    return new Response(document.body, {
      headers: {
        'content-type': 'text/plain; charset=utf-8',
        'content-disposition': `attachment; filename="${document.filename}"`,
        'cache-control': 'no-store',
      },
    });
  } catch (error) {
    if (error instanceof AppError && error.code === 'not_found') return NOT_FOUND();
    throw error;
  }
}
