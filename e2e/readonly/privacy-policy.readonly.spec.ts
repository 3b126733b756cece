import { expect, test } from '@playwright/test';

/** The versioned privacy policy as the public reads it, and the privacy links every page carries. */

test('/privacy shows the policy in effect with its "Last updated" date and the history', async ({ page }) => {
  await page.goto('/privacy');
  await expect(page.getByRole('heading', { level: 1, name: 'MM Group privacy policy' })).toBeVisible();
  await expect(page.getByTestId('policy-last-updated')).toHaveText(/^Last updated \d{4}-\d{2}-\d{2} · version 1$/);
  await expect(page.getByRole('heading', { name: 'Cookies', exact: true })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Earlier versions' })).toBeVisible();
  await expect(page.getByText('This is the first version.')).toBeVisible();
});

test('an unknown or future policy version is not found', async ({ page }) => {
  for (const path of ['/privacy/versions/999', '/privacy/versions/abc']) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(404);
  }
});

test('every kind of page carries the privacy links in its footer', async ({ page }) => {
  for (const path of ['/privacy', '/portfolio', '/sign-in', '/privacy/request']) {
    await page.goto(path);
    const footer = page.getByRole('contentinfo');
    await expect(footer.getByRole('link', { name: 'Privacy choices' }), path).toBeVisible();
    await expect(footer.getByRole('link', { name: 'Privacy policy' }), path).toHaveAttribute('href', '/privacy');
  }
});

test('an export link that does not exist says so and offers no download', async ({ page }) => {
  await page.goto('/privacy/export/this-token-does-not-exist-0123456789');
  await expect(page.getByText('This download link is not valid any more')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Download my data' })).toHaveCount(0);
});
