/**
 * The client's IP address, for throttling sign-in and for the audit log.
 *
 * Next.js gives route handlers and server actions no socket address, so the address comes from
 * X-Forwarded-For, which the client can also write. Each proxy appends the address it saw, so only the
 * entries added by our own proxies can be trusted: with CLEARANCE_PROXY_HOPS proxies in front of the app
 * (default 1, the load balancer of a managed host), the client is the entry that many places from the right.
 * Anything the client put further left is ignored, so a forged header cannot dodge the per-IP throttle.
 */
export function clientIpFrom(headers: Headers): string | null {
  const hops = proxyHops();
  const entries = (headers.get('x-forwarded-for') ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry.length > 0);
  const fromProxies = entries.length >= hops ? entries[entries.length - hops] : entries[0];
  const ip = fromProxies ?? headers.get('x-real-ip')?.trim() ?? null;
  // An address, not free text: it goes into the audit log and the throttle's keys.
  return ip && /^[0-9a-fA-F:.]{2,45}$/.test(ip) ? ip : null;
}

function proxyHops(): number {
  const configured = Number(process.env.CLEARANCE_PROXY_HOPS ?? 1);
  return Number.isInteger(configured) && configured >= 1 && configured <= 10 ? configured : 1;
}
