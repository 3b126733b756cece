import { expect, test, type Page } from '@playwright/test';
import { CREDENTIAL_SECRET, DEMO_PASSWORD, demoUser, signedInContext, visit } from '../helpers';

/**
 * The credentials vault (docs/product.md §6): Nova's Instagram login (AURORA-CREDENTIALS) shows masked to its readers,
 * with its value in no page or payload; revealing needs the reader's own password and a reason, shows the value
 * for 30 seconds, and a wrong password reveals nothing. Everyone else gets the 404 of a thing that does not exist.
 * (Mutating: reveals and failed attempts are audited and counted.)
 */

test.describe.configure({ mode: 'serial' });

const CANARY = 'AURORA-CREDENTIALS';
let itemPath: string;

/** The reveal form's credential field: "Your password", or "…or authentication code" with two-factor on. */
const credentialField = (page: Page) => page.getByLabel(/^Your password/);

async function reveal(page: Page, credential: string, reason: string) {
  await credentialField(page).fill(credential);
  await page.getByLabel('Reason', { exact: true }).fill(reason);
  await page.getByRole('button', { name: 'Reveal', exact: true }).click();
}

test('sam (the lead, on its allowlist) sees it masked, is refused with a wrong password, and reveals it for 30 seconds', async ({
  browser,
}) => {
  const sam = await signedInContext(browser, demoUser('sam'));
  try {
    const { page } = sam;
    await page.goto('/');
    await page.getByRole('heading', { name: 'Aurora' }).click();
    await page.getByRole('link', { name: new RegExp(CANARY) }).click();
    await expect(page.getByRole('heading', { level: 1, name: `Instagram login ${CANARY}` })).toBeVisible();
    itemPath = new URL(page.url()).pathname;

    // The title shows; the value is in neither the HTML, the RSC payload, the DOM nor the visible text.
    await page.clock.install();
    const opened = await visit(page, itemPath);
    expect(opened.status).toBe(200);
    expect(opened.content).toContain(CANARY);
    expect(opened.content).not.toContain(CREDENTIAL_SECRET);
    await expect(page.getByTestId('secret-value')).toHaveText('••••••••••••');
    // Editing never pre-fills it.
    await expect(page.getByLabel('New value (leave blank to keep)')).toHaveValue('');

    // A reason is required.
    await credentialField(page).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Reveal', exact: true }).click();
    await expect(page.getByText('Say why you need to see this value.')).toBeVisible();
    await expect(page.getByTestId('secret-value')).toHaveText('••••••••••••');

    await reveal(page, 'not-my-password', 'Posting the launch reel');
    await expect(page.getByText('That password or code is not correct. Nothing was revealed.')).toBeVisible();
    await expect(page.getByTestId('secret-value')).toHaveText('••••••••••••');
    expect(await page.content()).not.toContain(CREDENTIAL_SECRET);

    await reveal(page, DEMO_PASSWORD, 'Posting the launch reel');
    await expect(page.getByTestId('secret-value')).toHaveText(CREDENTIAL_SECRET);
    await expect(page.getByText('Revealed for 30 seconds.')).toBeVisible();
    await expect(credentialField(page)).toHaveValue('');

    // 30 seconds later it is hidden again, and gone from the page.
    await page.clock.runFor(31_000);
    await expect(page.getByTestId('secret-value')).toHaveText('••••••••••••');
    expect(await page.content()).not.toContain(CREDENTIAL_SECRET);
  } finally {
    await sam.context.close();
  }
});

test('nova (who handed it over) reveals it too', async ({ browser }) => {
  const nova = await signedInContext(browser, demoUser('nova'));
  try {
    const opened = await visit(nova.page, itemPath);
    expect(opened.status).toBe(200);
    expect(opened.content).toContain(CANARY);
    expect(opened.content).not.toContain(CREDENTIAL_SECRET);
    await reveal(nova.page, DEMO_PASSWORD, 'Checking what the agency holds');
    await expect(nova.page.getByTestId('secret-value')).toHaveText(CREDENTIAL_SECRET);
    await nova.page.getByRole('button', { name: 'Hide now' }).click();
    await expect(nova.page.getByTestId('secret-value')).toHaveText('••••••••••••');
  } finally {
    await nova.context.close();
  }
});

test("nova's access history shows sam's reveal with the reason he gave", async ({ browser }) => {
  const nova = await signedInContext(browser, demoUser('nova'));
  try {
    await nova.page.goto('/client/history');
    const table = nova.page.getByRole('table', { name: 'Access history' });
    const row = table
      .getByRole('row')
      .filter({ hasText: 'Sam Lead' })
      .filter({ hasText: /Revealed the secret value of|Tried to reveal the secret value of/ });
    await expect(row.filter({ hasText: 'Posting the launch reel' }).first()).toBeVisible();
    // The refused attempt with the wrong password is there too, and the value never is.
    await expect(row.filter({ hasText: 'denied' }).first()).toBeVisible();
    expect(await nova.page.content()).not.toContain(CREDENTIAL_SECRET);
  } finally {
    await nova.context.close();
  }
});

for (const key of ['finn', 'cora', 'brian', 'ada'] as const) {
  test(`${key} gets the 404 of a missing item, with neither its title nor its value`, async ({ browser }) => {
    const { context, page } = await signedInContext(browser, demoUser(key));
    try {
      const denied = await visit(page, itemPath);
      expect(denied.status).toBe(404);
      expect(denied.content).not.toContain(CANARY);
      expect(denied.content).not.toContain(CREDENTIAL_SECRET);
      await expect(page.getByRole('button', { name: 'Reveal' })).toHaveCount(0);
    } finally {
      await context.close();
    }
  });
}
