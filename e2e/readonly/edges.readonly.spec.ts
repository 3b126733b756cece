import { networkInterfaces } from 'node:os';
import { expect, test } from '@playwright/test';
import { demoUser, signedInContext } from '../helpers';

/**
 * The portal's edges (issue 12, findings 6 and 7): the development mailbox answers this machine only, whatever
 * the headers claim, and a date filter out of range or malformed is ignored with a message, never a 500.
 */

/** An address of this machine that is not a loopback one: requests to it arrive from a non-loopback socket. */
const lanAddress = Object.values(networkInterfaces())
  .flat()
  .find((a) => a && a.family === 'IPv4' && !a.internal)?.address;

test('the development mailbox is a 404 for anyone but this machine, forged headers or not', async ({
  request,
  baseURL,
}) => {
  test.skip(!lanAddress, 'this machine has no non-loopback address');
  const port = new URL(baseURL!).port;
  const fromNetwork = `http://${lanAddress}:${port}/dev/mailbox`;
  expect((await request.get(fromNetwork)).status()).toBe(404);
  const forged = await request.get(fromNetwork, {
    headers: {
      'X-Forwarded-For': '127.0.0.1',
      'X-Real-IP': '127.0.0.1',
      'X-Clearance-Peer': '127.0.0.1',
      Forwarded: 'for=127.0.0.1',
    },
  });
  expect(forged.status()).toBe(404);
  expect(await forged.text()).not.toContain('email-text');
  // The same server, asked from this machine, shows it (CLEARANCE_DEV_MAILBOX=1 in the test server).
  expect((await request.get('/dev/mailbox')).status()).toBe(200);
});

test('a client history filter with an impossible date says so and shows the history; the export answers in words', async ({
  browser,
}) => {
  test.setTimeout(240_000);
  const nova = await signedInContext(browser, demoUser('nova'));
  try {
    for (const query of [
      'to=9999-12-31',
      'from=0000-01-01',
      'from=1999-12-31',
      'to=2027-02-30',
      'from=yesterday',
      'from=2026-01-01&to=%00%27',
    ]) {
      const response = await nova.page.goto(`/client/history?${query}`);
      expect(response?.status(), query).toBe(200);
      await expect(nova.page.getByRole('heading', { name: 'Access history' })).toBeVisible();
      await expect(nova.page.getByTestId('filter-problem'), query).toContainText(
        'The filter was not applied: showing all events.',
      );
      // The page is all there, unfiltered, and its export link carries no bad filter.
      await expect(nova.page.getByRole('form', { name: 'Filter the history' })).toBeVisible();
      expect(await nova.page.getByRole('link', { name: 'Export CSV' }).getAttribute('href')).toBe(
        '/client/history/export',
      );
    }
    await nova.page.goto('/client/history?to=9999-12-31');
    await expect(nova.page.getByTestId('filter-problem')).toHaveText(
      'Use a date between 2000-01-01 and 2100-12-31. The filter was not applied: showing all events.',
    );
    // A date inside the range still filters.
    await nova.page.goto('/client/history?from=2000-01-01&to=2100-12-31');
    await expect(nova.page.getByTestId('filter-problem')).toHaveCount(0);

    for (const query of ['to=9999-12-31', 'from=0000-01-01', 'from=garbage']) {
      const csv = await nova.page.request.get(`/client/history/export?${query}`);
      expect(csv.status(), query).toBe(400);
      expect(await csv.text()).toMatch(/Nothing was exported\.$/);
    }
    expect((await nova.page.request.get('/client/history/export?to=9999-12-31')).headers()['content-type']).toContain(
      'text/plain',
    );
  } finally {
    await nova.context.close();
  }
});
