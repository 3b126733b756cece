/** CSP violation reports are logged by kind only: no page address, no blocked path or query, bounded. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { POST } from '@/app/api/csp-report/route';
import { summarizeCspReport } from '@/lib/security/csp-report';

const post = (body: string) =>
  POST(
    new Request('http://localhost/api/csp-report', {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/csp-report' },
    }),
  );

afterEach(() => vi.restoreAllMocks());

describe('CSP violation reports', () => {
  it('names the directive and the blocked origin, never the page or the path and query', () => {
    const lines = summarizeCspReport({
      'csp-report': {
        'document-uri': 'http://localhost/sign-in/reset/SECRET-RESET-TOKEN',
        'effective-directive': 'img-src',
        'violated-directive': 'img-src',
        'blocked-uri': 'https://evil.example/steal?body=AURORA-RATE-250K',
      },
    });
    expect(lines).toEqual(['img-src https://evil.example']);
  });

  it('keeps keywords and reads the Reporting API format too', () => {
    expect(
      summarizeCspReport({ 'csp-report': { 'violated-directive': 'script-src-elem', 'blocked-uri': 'inline' } }),
    ).toEqual(['script-src-elem inline']);
    expect(
      summarizeCspReport([
        {
          type: 'csp-violation',
          body: { effectiveDirective: 'style-src-attr', blockedURL: 'inline', documentURL: 'http://x/items/1' },
        },
      ]),
    ).toEqual(['style-src-attr inline']);
    expect(
      summarizeCspReport({
        'csp-report': { 'effective-directive': 'script-src<b>', 'blocked-uri': 'javascript:alert(1)' },
      }),
    ).toEqual(['script-src javascript:']);
    expect(summarizeCspReport('nonsense')).toEqual([]);
  });

  it('logs one line per report, answers 204, refuses oversize and malformed bodies', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const ok = await post(
      JSON.stringify({
        'csp-report': { 'effective-directive': 'script-src', 'blocked-uri': 'https://cdn.example/x.js?k=SECRET' },
      }),
    );
    expect(ok.status).toBe(204);
    expect(warn).toHaveBeenCalledWith('[csp-violation] script-src https://cdn.example');
    expect(JSON.stringify(warn.mock.calls)).not.toContain('SECRET');
    expect((await post('{not json')).status).toBe(400);
    expect((await post('x'.repeat(20_000))).status).toBe(413);
  });
});
