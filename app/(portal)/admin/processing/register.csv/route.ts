import { mayAdminister } from '@/lib/dal/guard';
import { buildProcessingRegister } from '@/lib/dal/processing/build-register';
import { getSessionUser } from '@/lib/dal/account/read-session-user';
import { requestMeta } from '@/lib/dal/account/read-request-meta';
import { activitiesCsv, engagementsCsv } from '@/lib/privacy/processing-export';

/** The register of processing activities as CSV for a regulator (`?part=engagements`: controller or processor per engagement). */
export async function GET(request: Request) {
  const user = await getSessionUser();
  if (!user || !mayAdminister(user, 'processing.view'))
    return new Response('Not found.', {
      status: 404,
      headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' },
    });
  const engagements = new URL(request.url).searchParams.get('part') === 'engagements';
  const register = await buildProcessingRegister(user, { exported: { format: 'csv', meta: await requestMeta() } });
  const day = register.generatedAt.toISOString().slice(0, 10);
  return new Response(engagements ? engagementsCsv(register) : activitiesCsv(register), {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${engagements ? 'engagements' : 'processing-activities'}-${day}.csv"`,
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    },
  });
}
