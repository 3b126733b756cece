import { expect, test, type Page } from '@playwright/test';
import { REQUESTS_LIMITED } from '../../lib/privacy/messages';
import { rejectCookiesIfAsked } from '../privacy';

/**
 * The public privacy form is bounded (issue 12, finding 4): repeats of one request merge into it (one entry,
 * one email), and past the hourly limit for an email the visitor gets one calm message, the same whether or
 * not the email has an account.
 */

async function optOut(page: Page, email: string) {
  await page.goto('/privacy/request');
  await rejectCookiesIfAsked(page);
  const form = page.getByRole('form', { name: 'Privacy request' });
  await form.getByLabel('What are you asking for?').selectOption('opt_out_sale_sharing');
  await form.getByLabel('Where do you live?').selectOption('california');
  await form.getByLabel('Name', { exact: true }).fill('Flo Flood');
  await form.getByLabel('Email', { exact: true }).fill(email);
  await form.getByRole('button', { name: 'Send request' }).click();
  return form;
}

for (const email of ['kai@talent.test', 'no.account.here@example.test']) {
  test(`opt-outs repeated for ${email}: one request and one email, then the calm limit message`, async ({ page }) => {
    test.setTimeout(180_000); // six submissions and the mailbox: more than one test's worth of pages
    const paths = new Set<string>();
    for (let i = 0; i < 5; i++) {
      await optOut(page, email);
      await page.waitForURL(/\/privacy\/request\/[0-9a-f-]{36}$/);
      await expect(page.getByTestId('request-verified')).toBeVisible();
      paths.add(new URL(page.url()).pathname);
    }
    expect(paths.size).toBe(1);

    const form = await optOut(page, email);
    await expect(form.getByTestId('form-status')).toHaveText(REQUESTS_LIMITED);
    await expect(page).toHaveURL(/\/privacy\/request$/);

    await page.goto('/dev/mailbox');
    await expect(
      page.getByRole('article', {
        name: new RegExp(`^Email to ${email.replace(/[.+]/g, '\\$&')}: We received your privacy request`),
      }),
    ).toHaveCount(1);
  });
}
