import { mayAdminister } from '@/lib/dal/guard';
import { buildProcessingRegister } from '@/lib/dal/processing/build-register';
import { getSessionUser } from '@/lib/dal/account/read-session-user';
import { requestMeta } from '@/lib/dal/account/read-request-meta';
import { registerJson } from '@/lib/privacy/processing-export';

/** The register of processing activities and the engagements' roles as JSON for a regulator. */
export async function GET() {
  const user = await getSessionUser();
  if (!user || !mayAdminister(user, 'processing.view'))
    return new Response('Not found.', {
      status: 404,
      headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' },
    });
  const register = await buildProcessingRegister(user, { exported: { format: 'json', meta: await requestMeta() } });
  return new Response(registerJson(register), {
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'content-disposition': `attachment; filename="processing-register-${register.generatedAt.toISOString().slice(0, 10)}.json"`,
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    },
  });
}
