/**
 * Liveness for a load balancer or orchestrator: the process answers. Touches nothing else, so a database
 * outage never makes an instance look dead (restarting it would not help); /api/ready says whether it can serve.
 */
export const dynamic = 'force-dynamic';

export function GET() {
  return Response.json({ status: 'ok' }, { headers: { 'cache-control': 'no-store' } });
}
