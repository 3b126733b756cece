import { env } from '@/lib/env';

/**
 * The client's IP address, for throttling sign-in and for the audit log (and the signed records that copy it).
 *
 * The socket's address is the only one nobody but the network chose. server.mjs puts it in `x-clearance-peer`
 * on every request, overwriting anything a client sent under that name. A proxy in front of the portal makes
 * the socket's address its own, and appends the address it saw to X-Forwarded-For: with
 * CLEARANCE_PROXY_HOPS = N such proxies (default 0: nothing in front), the client is the entry N places from
 * the right of `X-Forwarded-For entries + [socket address]`. Whatever a client wrote further left is ignored,
 * so a forged header can neither pick the address recorded nor dodge the per-IP throttle.
 */

/** The header server.mjs sets from the socket (the only writer: it overwrites what a client sent). */
export const PEER_HEADER = 'x-clearance-peer';

const ADDRESS = /^[0-9a-fA-F:.]{2,45}$/;

/** An address, not free text: it goes into the audit log and the throttle's keys. IPv4 of a dual-stack socket in its plain form. */
function address(value: string | null | undefined): string | null {
  const trimmed = value?.trim().replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, '');
  return trimmed && ADDRESS.test(trimmed) ? trimmed : null;
}

/**
 * How many proxies of ours stand in front of the portal (CLEARANCE_PROXY_HOPS, 0–10; anything else counts as 0
 * here, and stops the server at boot: lib/env.ts).
 */
export function proxyHops(): number {
  return env.proxyHops;
}

/** The socket's address, or null when the request did not come through server.mjs. */
export function peerAddressFrom(headers: Headers): string | null {
  return address(headers.get(PEER_HEADER));
}

export function clientIpFrom(headers: Headers): string | null {
  const peer = peerAddressFrom(headers);
  if (!peer) return null;
  const hops = proxyHops();
  if (hops === 0) return peer;
  const forwarded = (headers.get('x-forwarded-for') ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry.length > 0);
  const chain = [...forwarded, peer];
  // Fewer entries than proxies: the request skipped a proxy, so take the leftmost. An entry that is no
  // address falls back to the socket's, so that no header value can leave the throttle without a key.
  return address(chain[Math.max(0, chain.length - 1 - hops)]) ?? peer;
}

export const isLoopbackAddress = (ip: string): boolean =>
  /^(127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+)$/i.test(ip);

/**
 * Whether a client address may be treated as the machine itself (spared the per-IP throttle): only when it
 * is the socket's own, i.e. no proxy is configured. Behind a proxy an address comes from a header and never
 * earns an exemption.
 */
export const isMachineAddress = (ip: string | null): boolean =>
  ip !== null && proxyHops() === 0 && isLoopbackAddress(ip);

/** A request from this machine: the socket is a loopback one and so is the client address. Never decided by a header alone. */
export function isLoopbackRequest(headers: Headers): boolean {
  const peer = peerAddressFrom(headers);
  const client = clientIpFrom(headers);
  return peer !== null && client !== null && isLoopbackAddress(peer) && isLoopbackAddress(client);
}
