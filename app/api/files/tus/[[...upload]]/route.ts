/**
 * Resumable uploads (tus 1.0, issue 13): POST creates an upload on an item (or a new version of a file), HEAD
 * says where it stands, PATCH appends, DELETE cancels. Every request re-checks the session against the
 * database; the policy and the audit log are asked in lib/files/uploads. proxy.ts does not run here: it would
 * buffer the body in memory (and cut it at 10 MB).
 */
import { getSessionUser } from '@/lib/dal/account/read-session-user';
import { requestMeta } from '@/lib/dal/account/read-request-meta';
import { handleTusRequest, notFoundResponse } from '@/lib/files/uploads/tus-handler';
import { uploadOriginAllowed } from '@/lib/files/uploads/upload-origin';

export const dynamic = 'force-dynamic';

async function handle(request: Request): Promise<Response> {
  // A page elsewhere cannot drive an upload with the user's cookie.
  if (!uploadOriginAllowed(request.headers)) return notFoundResponse();
  const user = await getSessionUser();
  return handleTusRequest(request, user, await requestMeta());
}

export const POST = handle;
export const HEAD = handle;
export const PATCH = handle;
export const DELETE = handle;
export const OPTIONS = handle;
