import { afterEach, describe, expect, it, vi } from 'vitest';
import { clientIpFrom, isLoopbackRequest, isMachineAddress, proxyHops } from '@/lib/security/client-ip';

/** A request as server.mjs hands it on: the socket's address in x-clearance-peer, plus whatever else arrived. */
const request = (peer: string | null, extra: Record<string, string> = {}) =>
  new Headers({ ...(peer === null ? {} : { 'x-clearance-peer': peer }), ...extra });

describe('clientIpFrom', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it('with no proxy configured (the default) the client is the socket, whatever the headers say', () => {
    expect(proxyHops()).toBe(0);
    expect(clientIpFrom(request('203.0.113.9'))).toBe('203.0.113.9');
    expect(clientIpFrom(request('203.0.113.9', { 'x-forwarded-for': '127.0.0.1', 'x-real-ip': '10.0.0.1' }))).toBe(
      '203.0.113.9',
    );
    expect(clientIpFrom(request('::ffff:203.0.113.9'))).toBe('203.0.113.9');
  });

  it('with N proxies the client is the entry N places from the right of forwarded-for + socket', () => {
    vi.stubEnv('CLEARANCE_PROXY_HOPS', '1');
    // The load balancer (10.0.0.2, the socket) appended the address it saw; the client forged the one before.
    expect(clientIpFrom(request('10.0.0.2', { 'x-forwarded-for': '127.0.0.1, 198.51.100.7' }))).toBe('198.51.100.7');
    expect(clientIpFrom(request('10.0.0.2', { 'x-forwarded-for': '198.51.100.7' }))).toBe('198.51.100.7');
    vi.stubEnv('CLEARANCE_PROXY_HOPS', '2');
    expect(clientIpFrom(request('10.0.0.3', { 'x-forwarded-for': '1.1.1.1, 198.51.100.7, 10.0.0.2' }))).toBe(
      '198.51.100.7',
    );
  });

  it('a chain shorter than the proxies takes its leftmost entry; an entry that is no address falls back to the socket', () => {
    vi.stubEnv('CLEARANCE_PROXY_HOPS', '3');
    expect(clientIpFrom(request('10.0.0.2', { 'x-forwarded-for': '198.51.100.7' }))).toBe('198.51.100.7');
    expect(clientIpFrom(request('10.0.0.2'))).toBe('10.0.0.2');
    vi.stubEnv('CLEARANCE_PROXY_HOPS', '1');
    expect(clientIpFrom(request('10.0.0.2', { 'x-forwarded-for': '<script>alert(1)</script>' }))).toBe('10.0.0.2');
  });

  it('answers null without the socket header (not served by server.mjs) or for anything that is not an address', () => {
    expect(clientIpFrom(new Headers({ 'x-forwarded-for': '203.0.113.9', 'x-real-ip': '203.0.113.9' }))).toBeNull();
    expect(clientIpFrom(request('<script>alert(1)</script>'))).toBeNull();
  });

  it('reads a CLEARANCE_PROXY_HOPS that is not 0–10 as 0', () => {
    for (const value of ['-1', '11', '1.5', 'one']) {
      vi.stubEnv('CLEARANCE_PROXY_HOPS', value);
      expect(proxyHops()).toBe(0);
    }
  });
});

describe('the machine itself', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it('is a loopback address only when it is the socket, never when a proxy header named it', () => {
    expect(isMachineAddress('127.0.0.1')).toBe(true);
    expect(isMachineAddress('::1')).toBe(true);
    expect(isMachineAddress('198.51.100.7')).toBe(false);
    expect(isMachineAddress(null)).toBe(false);
    vi.stubEnv('CLEARANCE_PROXY_HOPS', '1');
    expect(isMachineAddress('127.0.0.1')).toBe(false);
  });

  it('a loopback request needs a loopback socket: a forged header never makes one', () => {
    expect(isLoopbackRequest(request('127.0.0.1'))).toBe(true);
    expect(isLoopbackRequest(request('::1'))).toBe(true);
    expect(isLoopbackRequest(request('192.0.2.10', { 'x-forwarded-for': '127.0.0.1', 'x-real-ip': '127.0.0.1' }))).toBe(
      false,
    );
    expect(isLoopbackRequest(new Headers({ 'x-forwarded-for': '127.0.0.1' }))).toBe(false);
    vi.stubEnv('CLEARANCE_PROXY_HOPS', '1');
    // A proxy on this machine forwarding a remote client: not local.
    expect(isLoopbackRequest(request('127.0.0.1', { 'x-forwarded-for': '198.51.100.7' }))).toBe(false);
    expect(isLoopbackRequest(request('192.0.2.10', { 'x-forwarded-for': '127.0.0.1' }))).toBe(false);
  });
});
