import { afterEach, describe, expect, it, vi } from 'vitest';
import { actionOriginAllowed } from '@/lib/security/action-origin';

const action = (headers: Record<string, string>) =>
  new Headers({ 'next-action': '7f00aa', host: 'portal.example', ...headers });

describe('actionOriginAllowed', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it("accepts a server action only from AUTH_URL's origin", () => {
    vi.stubEnv('AUTH_URL', 'https://portal.example/');
    expect(actionOriginAllowed('POST', action({ origin: 'https://portal.example' }))).toBe(true);
    expect(actionOriginAllowed('POST', action({ origin: 'https://evil.example' }))).toBe(false);
    expect(actionOriginAllowed('POST', action({ origin: 'http://portal.example' }))).toBe(false);
    expect(actionOriginAllowed('POST', action({}))).toBe(false);
    expect(actionOriginAllowed('POST', action({ origin: 'null' }))).toBe(false);
  });

  it('a forged X-Forwarded-Host or Host does not move the accepted origin', () => {
    vi.stubEnv('AUTH_URL', 'https://portal.example');
    expect(
      actionOriginAllowed('POST', action({ origin: 'https://evil.example', 'x-forwarded-host': 'evil.example' })),
    ).toBe(false);
    expect(actionOriginAllowed('POST', action({ origin: 'https://evil.example', host: 'evil.example' }))).toBe(false);
  });

  it('without AUTH_URL compares with Host, never X-Forwarded-Host', () => {
    vi.stubEnv('AUTH_URL', '');
    expect(actionOriginAllowed('POST', action({ origin: 'http://portal.example' }))).toBe(true);
    expect(
      actionOriginAllowed('POST', action({ origin: 'https://evil.example', 'x-forwarded-host': 'evil.example' })),
    ).toBe(false);
  });

  it('leaves everything that is not a server action alone', () => {
    vi.stubEnv('AUTH_URL', 'https://portal.example');
    expect(actionOriginAllowed('GET', action({ origin: 'https://evil.example' }))).toBe(true);
    expect(actionOriginAllowed('POST', new Headers({ origin: 'https://evil.example' }))).toBe(true);
  });
});
