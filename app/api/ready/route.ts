import { checkReadiness } from '@/lib/dal/health/check-readiness';
import { log } from '@/lib/log/logger';

/**
 * Readiness for a load balancer: 200 when this instance can serve (database reachable, migrations current,
 * master key and configuration present), 503 otherwise. Unauthenticated, so it answers its status and
 * nothing else; which check failed goes to the log (by name only) for the operator.
 */
export const dynamic = 'force-dynamic';

export async function GET() {
  const { ready, checks } = await checkReadiness();
  if (!ready) log.warn({ event: 'ready.failed', checks }, 'not ready');
  return Response.json(
    { status: ready ? 'ready' : 'unavailable' },
    { status: ready ? 200 : 503, headers: { 'cache-control': 'no-store', ...(ready ? {} : { 'retry-after': '5' }) } },
  );
}
