import { expect, test, type APIResponse, type Page, type Response } from '@playwright/test';
import { demoUser, ITEM_PATH, linkPaths, PROJECT_PATH, signedInContext } from '../helpers';

/**
 * The security headers (proxy.ts, next.config.ts, lib/security/headers.ts) on anonymous and signed-in pages,
 * the per-request nonce on every script, static assets still cached, and no CSP violation in the browser.
 */

type Headers = Record<string, string>;

/** The CSP as directive → sources. */
function parseCsp(value: string): Map<string, string[]> {
  return new Map(
    value
      .split(';')
      .map((part) => part.trim().split(/\s+/))
      .filter((tokens) => tokens[0])
      .map(([name, ...sources]) => [name!.toLowerCase(), sources]),
  );
}

/** Checks every header of a dynamic response and returns its nonce. */
function expectSecurityHeaders(headers: Headers, where: string): string {
  const csp = headers['content-security-policy'];
  expect(csp, `CSP on ${where}`).toBeTruthy();
  const policy = parseCsp(csp!);
  const scripts = policy.get('script-src') ?? [];
  const nonceSource = scripts.find((s) => /^'nonce-[A-Za-z0-9+/=]{16,}'$/.test(s));
  expect(nonceSource, `script nonce on ${where}: ${csp}`).toBeTruthy();
  expect(scripts, `script-src on ${where}`).toContain("'strict-dynamic'");
  expect(scripts, `script-src on ${where}`).not.toContain("'unsafe-inline'");
  expect(scripts, `script-src on ${where}`).not.toContain("'unsafe-eval'");
  expect(policy.get('style-src') ?? [], `style-src on ${where}`).not.toContain("'unsafe-inline'");
  expect(policy.get('default-src'), where).toEqual(["'self'"]);
  expect(policy.get('frame-ancestors'), where).toEqual(["'none'"]);
  expect(policy.get('object-src'), where).toEqual(["'none'"]);
  expect(policy.get('base-uri'), where).toEqual(["'self'"]);
  expect(policy.get('form-action'), where).toEqual(["'self'"]);
  expect(policy.get('report-uri'), where).toEqual(['/api/csp-report']);

  const hsts = headers['strict-transport-security'] ?? '';
  expect(Number(/max-age=(\d+)/.exec(hsts)?.[1] ?? 0), `HSTS on ${where}`).toBeGreaterThanOrEqual(31_536_000);
  expect(hsts, `HSTS on ${where}`).toContain('includeSubDomains');
  expect(headers['referrer-policy'], where).toBe('no-referrer');
  expect(headers['x-content-type-options'], where).toBe('nosniff');
  expect(headers['x-frame-options'], where).toBe('DENY');
  expect(headers['cache-control'] ?? '', `Cache-Control on ${where}`).toContain('no-store');
  expect(headers['x-powered-by'], where).toBeUndefined();
  return nonceSource!.slice("'nonce-".length, -1);
}

/** Every <script> in the HTML carries this response's nonce; there is at least one. */
function expectScriptsCarryNonce(html: string, nonce: string, where: string): void {
  const tags = html.match(/<script\b[^>]*>/gi) ?? [];
  expect(tags.length, `scripts on ${where}`).toBeGreaterThan(0);
  for (const tag of tags) expect(tag, `a script on ${where}`).toContain(`nonce="${nonce}"`);
}

/** Collects CSP violations seen by the page: console reports and `securitypolicyviolation` events. */
async function watchCsp(page: Page): Promise<() => Promise<string[]>> {
  const seen: string[] = [];
  page.on('console', (message) => {
    if (/content security policy|refused to (execute|load|apply|connect|frame)/i.test(message.text()))
      seen.push(message.text());
  });
  await page.addInitScript(() => {
    const list: string[] = [];
    (window as unknown as { __csp: string[] }).__csp = list;
    document.addEventListener('securitypolicyviolation', (e) => list.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  return async () => [
    ...seen,
    ...((await page
      .evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? [])
      .catch(() => [])) as string[]),
  ];
}

const headersOf = (response: Response | APIResponse): Headers => response.headers();

test.describe('security headers, anonymously', () => {
  for (const path of ['/sign-in', '/portfolio', '/privacy']) {
    test(`${path}: every header, a fresh nonce per request, the nonce on every script`, async ({ request }) => {
      const first = await request.get(path);
      expect(first.status()).toBe(200);
      const nonce = expectSecurityHeaders(headersOf(first), path);
      expectScriptsCarryNonce(await first.text(), nonce, path);
      const second = await request.get(path);
      const again = expectSecurityHeaders(headersOf(second), path);
      expect(again, `the nonce of two requests to ${path}`).not.toBe(nonce);
      expectScriptsCarryNonce(await second.text(), again, path);
    });
  }

  test('a missing page and the auth API carry them too', async ({ request }) => {
    const missing = await request.get('/no-such-page-anywhere');
    expect(missing.status()).toBe(404);
    expectScriptsCarryNonce(await missing.text(), expectSecurityHeaders(headersOf(missing), '404'), '404');
    const session = await request.get('/api/auth/session');
    expectSecurityHeaders(headersOf(session), '/api/auth/session');
  });

  test('static assets keep their long-lived cache and the fixed headers', async ({ request }) => {
    const html = await (await request.get('/sign-in')).text();
    const src = /<script[^>]+src="(\/_next\/static\/[^"]+\.js)"/.exec(html)?.[1];
    expect(src, 'a static script').toBeTruthy();
    const asset = await request.get(src!);
    expect(asset.status()).toBe(200);
    const headers = headersOf(asset);
    expect(headers['cache-control']).toContain('immutable');
    expect(headers['cache-control']).not.toContain('no-store');
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['strict-transport-security']).toContain('max-age=');
  });

  test('the public pages hydrate, navigate and post a server action with no CSP violation', async ({ page }) => {
    const violations = await watchCsp(page);
    for (const path of ['/portfolio', '/privacy', '/sign-in']) await page.goto(path);
    // A client-side navigation (RSC fetch) and a server action (the sign-in form, answered in place).
    await page.goto('/privacy');
    await page.getByRole('link', { name: 'Sign in', exact: true }).click();
    await page.waitForURL((url) => url.pathname === '/sign-in');
    await page.getByLabel('Email', { exact: true }).fill('nobody.here@example.test');
    await page.getByLabel('Password', { exact: true }).fill('not the password');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect(page.getByText('The email or password is incorrect', { exact: false })).toBeVisible();
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    expect(await violations()).toEqual([]);
  });
});

test('signed in: home, a project and an item carry every header and fresh nonces, with no CSP violation', async ({
  browser,
}) => {
  // Cora (contractor): signs in without a second factor and can open one Aurora item.
  const { context, page } = await signedInContext(browser, demoUser('cora'));
  try {
    const violations = await watchCsp(page);
    const seen: string[] = [];
    const check = async (path: string) => {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(200);
      const nonce = expectSecurityHeaders(headersOf(response!), path);
      expectScriptsCarryNonce(await response!.text(), nonce, path);
      expect(seen, `nonce reused on ${path}`).not.toContain(nonce);
      seen.push(nonce);
    };
    await check('/');
    const [project] = await linkPaths(page, PROJECT_PATH);
    expect(project, 'a project link on the home page').toBeTruthy();
    await check(project!);
    const [item] = await linkPaths(page, ITEM_PATH);
    expect(item, 'an item link on the project page').toBeTruthy();
    await check(item!);
    await check('/');

    // A client-side navigation (the RSC payload of the project page), and that payload is not cached either.
    await page.locator(`a[href="${project}"]`).first().click();
    await page.waitForURL((url) => url.pathname === project);
    await expect(page.getByTestId('signed-in-user')).toBeVisible();
    const rsc = await page.request.get(project!, { headers: { RSC: '1' } });
    expect(rsc.headers()['content-type'] ?? '').toContain('text/x-component');
    expect(rsc.headers()['cache-control'] ?? '').toContain('no-store');
    expect(rsc.headers()['content-security-policy'] ?? '').toContain("frame-ancestors 'none'");
    expect(await violations()).toEqual([]);
  } finally {
    await context.close();
  }
});
