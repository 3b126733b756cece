import { expect, test, type Page, type Request } from '@playwright/test';

/**
 * The cookie banner: nothing optional before consent (cookies, storage, requests), "Reject all" as prominent as
 * "Accept all" on the first layer, the "Privacy choices" link reopening it, and Global Privacy Control honoured.
 */

const storage = (page: Page) =>
  page.evaluate(() => ({ local: window.localStorage.length, session: window.sessionStorage.length }));
const beacons = (requests: Request[]) => requests.filter((r) => new URL(r.url()).pathname === '/api/analytics');

test('nothing optional is set or loaded before a choice; Reject all keeps it that way', async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const requests: Request[] = [];
  page.on('request', (r) => requests.push(r));
  await page.goto('/privacy');
  const banner = page.getByRole('dialog', { name: 'Cookies on this site' });
  await expect(banner).toBeVisible();
  await page.waitForLoadState('networkidle');
  expect(await context.cookies()).toEqual([]);
  expect(await storage(page)).toEqual({ local: 0, session: 0 });
  expect(beacons(requests)).toEqual([]);

  await banner.getByRole('button', { name: 'Reject all' }).click();
  await expect(banner).toBeHidden();
  const cookies = await context.cookies();
  expect(cookies.map((c) => c.name)).toEqual(['clearance_consent']);
  expect(cookies[0]!.httpOnly).toBe(true);
  await page.reload();
  await page.waitForLoadState('networkidle');
  await expect(page.getByRole('dialog')).toHaveCount(0);
  expect(await storage(page)).toEqual({ local: 0, session: 0 });
  expect(beacons(requests)).toEqual([]);
  await context.close();
});

test('Reject all is as prominent as Accept all; Accept all starts the optional features; Privacy choices reopens it anywhere', async ({
  browser,
}) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const requests: Request[] = [];
  page.on('request', (r) => requests.push(r));
  await page.goto('/portfolio');
  const banner = page.getByRole('dialog', { name: 'Cookies on this site' });
  const reject = banner.getByRole('button', { name: 'Reject all' });
  const accept = banner.getByRole('button', { name: 'Accept all' });
  await expect(reject).toBeVisible();
  await expect(accept).toBeVisible();
  const look = (button: typeof reject) =>
    button.evaluate((el) => {
      const s = getComputedStyle(el);
      const box = el.getBoundingClientRect();
      return {
        background: s.backgroundColor,
        color: s.color,
        size: s.fontSize,
        weight: s.fontWeight,
        border: s.borderTopWidth,
        padding: s.padding,
        height: Math.round(box.height),
        width: box.width,
      };
    });
  const [r, a] = [await look(reject), await look(accept)];
  expect({ ...r, width: 0 }).toEqual({ ...a, width: 0 });
  expect(Math.abs(r.width - a.width)).toBeLessThan(0.15 * a.width);

  await accept.click();
  await expect(banner).toBeHidden();
  await expect.poll(() => beacons(requests).length).toBeGreaterThan(0);
  await expect.poll(async () => (await storage(page)).local).toBe(1);

  // The footer link on a page of the sign-in screens reopens the choices, where they can be withdrawn.
  await page.goto('/sign-in');
  await page.getByRole('link', { name: 'Privacy choices' }).click();
  const choices = page.getByRole('dialog', { name: 'Privacy choices' });
  await expect(choices.getByLabel(/Performance and analytics/)).toBeChecked();
  await expect(choices.getByLabel(/Strictly necessary/)).toBeDisabled();
  await choices.getByRole('button', { name: 'Reject all' }).click();
  await expect(choices).toBeHidden();
  await expect.poll(async () => (await storage(page)).local).toBe(0);
  await context.close();
});

test('Global Privacy Control (Sec-GPC: 1) is honoured as an opt-out, said on the page, and its later absence does not opt back in', async ({
  browser,
}) => {
  const gpc = await browser.newContext({ extraHTTPHeaders: { 'Sec-GPC': '1' } });
  const page = await gpc.newPage();
  const requests: Request[] = [];
  page.on('request', (r) => requests.push(r));
  await page.goto('/privacy');
  await expect(page.getByTestId('gpc-status')).toHaveText('Global Privacy Control detected: honoured as an opt-out.');
  // Recorded as an opt-out on arrival: no banner to answer, nothing optional.
  await expect.poll(async () => (await gpc.cookies()).map((c) => c.name)).toEqual(['clearance_consent']);
  await page.reload();
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await page.goto('/privacy/cookies');
  await expect(page.getByTestId('gpc-honoured')).toContainText('We honour it as an opt-out');
  await expect(page.getByLabel(/^Marketing/)).toBeDisabled();
  await expect(page.getByLabel(/^Marketing/)).not.toBeChecked();
  expect(beacons(requests)).toEqual([]);
  const state = await gpc.storageState();
  await gpc.close();

  // The same browser without the signal: still opted out until the person chooses otherwise.
  const later = await browser.newContext({ storageState: state });
  const again = await later.newPage();
  await again.goto('/privacy/cookies');
  await expect(again.getByTestId('gpc-honoured')).toContainText('or did, when you first visited');
  await expect(again.getByLabel(/^Marketing/)).not.toBeChecked();
  await expect(again.getByRole('dialog')).toHaveCount(0);
  await later.close();
});
