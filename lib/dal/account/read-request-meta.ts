import 'server-only';
import { headers } from 'next/headers';
import { clientIpFrom } from '@/lib/security/client-ip';
import type { RequestMeta } from '@/lib/dal/audit';

/** Who sent this request, for its audit events: the client address and the browser's user agent. */
export async function requestMeta(): Promise<RequestMeta> {
  const h = await headers();
  return { ip: clientIpFrom(h), userAgent: h.get('user-agent') };
}
