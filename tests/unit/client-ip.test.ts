import { afterEach, describe, expect, it } from 'vitest';
import { clientIpFrom } from '@/lib/security/client-ip';

const withForwarded = (value: string) => new Headers({ 'x-forwarded-for': value });

describe('clientIpFrom', () => {
  afterEach(() => {
    delete process.env.CLEARANCE_PROXY_HOPS;
  });

  it('takes the address our proxy appended, not what the client wrote before it', () => {
    expect(clientIpFrom(withForwarded('203.0.113.9'))).toBe('203.0.113.9');
    // A client forging the header: the load balancer appends the real address last.
    expect(clientIpFrom(withForwarded('10.0.0.1, 198.51.100.7'))).toBe('198.51.100.7');
  });

  it('counts CLEARANCE_PROXY_HOPS proxies from the right', () => {
    process.env.CLEARANCE_PROXY_HOPS = '2';
    expect(clientIpFrom(withForwarded('1.1.1.1, 198.51.100.7, 10.0.0.2'))).toBe('198.51.100.7');
  });

  it('answers null for anything that is not an address, and without a header', () => {
    expect(clientIpFrom(withForwarded('<script>alert(1)</script>'))).toBeNull();
    expect(clientIpFrom(new Headers())).toBeNull();
    expect(clientIpFrom(new Headers({ 'x-real-ip': '2001:db8::1' }))).toBe('2001:db8::1');
  });
});
