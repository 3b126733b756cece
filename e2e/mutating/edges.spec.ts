import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { demoUser, signedInContext, signIn } from '../helpers';

/**
 * The portal's edges (issue 12, finding 5): the client's address is the socket's, whatever X-Forwarded-For
 * says, and a server action runs only when posted from the portal's own origin (AUTH_URL), whatever
 * X-Forwarded-Host says.
 */

const FORGED = '203.0.113.66';
const LOOPBACK = /^(127\.0\.0\.1|::1)$/;

test('a forged X-Forwarded-For lands neither in the session list nor in the audit log', async ({ browser }) => {
  test.setTimeout(180_000);
  const kai = demoUser('kai');
  const context = await browser.newContext({
    extraHTTPHeaders: { 'X-Forwarded-For': FORGED, 'X-Real-IP': FORGED, 'X-Clearance-Peer': FORGED },
  });
  const ada = await signedInContext(browser, demoUser('ada'));
  try {
    const page = await context.newPage();
    await signIn(page, kai.email);
    await page.goto('/account/security');
    const current = page
      .getByRole('table', { name: 'Active sessions' })
      .getByRole('row')
      .filter({ hasText: 'This session' });
    await expect(current.getByRole('cell').nth(1)).toHaveText(LOOPBACK);
    await expect(page.locator('body')).not.toContainText(FORGED);

    await ada.page.goto('/admin/audit');
    const events = ada.page.getByRole('table', { name: 'Audit events' });
    // Kai's sign-in is the newest one that is not Ada's (the admin sees clients by codename).
    const signInRow = events
      .getByRole('row')
      .filter({ hasText: 'auth.sign_in' })
      .filter({ hasNotText: 'Ada Admin' })
      .first();
    await expect(signInRow.getByRole('cell').last()).toHaveText(LOOPBACK);
    await expect(ada.page.locator('body')).not.toContainText(FORGED);
  } finally {
    await context.close();
    await ada.context.close();
  }
});

/** The id of the forgotten-password action in this build (as Next.js's client finds it). */
function forgotPasswordActionId(): string {
  const manifest = JSON.parse(
    readFileSync(
      path.join(process.cwd(), process.env.NEXT_DIST_DIR ?? '.next', 'server', 'server-reference-manifest.json'),
      'utf8',
    ),
  ) as {
    node: Record<string, { filename?: string; exportedName?: string }>;
  };
  const entry = Object.entries(manifest.node).find(([, e]) => e.exportedName === 'forgotPasswordAction');
  if (!entry) throw new Error('no forgotPasswordAction in the build');
  return entry[0];
}

test('a server action posted from another origin is refused and runs nothing, whatever X-Forwarded-Host says', async ({
  request,
  baseURL,
}) => {
  const nina = demoUser('nina');
  const id = forgotPasswordActionId();
  const post = (headers: Record<string, string>) => {
    const form = new FormData();
    form.append('_1_email', nina.email);
    form.append('0', JSON.stringify(['$undefined', '$K1']));
    return request.post('/sign-in/forgot', {
      headers: { 'Next-Action': id, Accept: 'text/x-component', ...headers },
      multipart: form,
      maxRedirects: 0,
    });
  };
  // Counts mentions in the raw page (its HTML and RSC payload): only whether the number moves matters.
  const emailsToNina = async () => {
    const mailbox = await (await request.get('/dev/mailbox')).text();
    return mailbox.split(`Email to ${nina.email}:`).length - 1;
  };
  const before = await emailsToNina();

  const forgeries: Record<string, string>[] = [
    { Origin: 'https://evil.example', 'X-Forwarded-Host': 'evil.example' },
    { Origin: 'http://evil.example', Host: 'evil.example', 'X-Forwarded-Host': 'evil.example' },
    { 'X-Forwarded-Host': 'evil.example' },
  ];
  for (const headers of forgeries) {
    const refused = await post(headers);
    expect(refused.status(), JSON.stringify(headers)).toBe(403);
    expect(await refused.text()).not.toContain('"ok":true');
  }
  expect(await emailsToNina()).toBe(before);

  // The very same call from the portal's own origin runs: one reset email to Nina.
  const accepted = await post({ Origin: new URL(baseURL!).origin });
  expect(accepted.status()).toBe(200);
  expect(await accepted.text()).toContain('"ok":true');
  await expect.poll(emailsToNina).toBeGreaterThan(before);
});
