import { expect, test, type Page } from '@playwright/test';
import { demoUser, signedInContext } from '../helpers';

/*
 * Issue 12, finding 8: a contractor's grant "with an expiry" could end in 9999. Ada sees it refused with the
 * maximum and the last allowed date; she lowers the maximum on the settings page and the next grant is held
 * to it. The maximum is put back at the end (other specs grant contractors).
 */
test.describe.configure({ mode: 'serial' });

async function grantCora(page: Page, expiry: string) {
  await page.goto('/admin/projects');
  await page.getByRole('link', { name: 'Aurora', exact: true }).click();
  const grant = page.getByRole('form', { name: 'Grant access' });
  await grant.getByLabel('Person').selectOption({ label: 'Cora Editor (Contractor)' });
  await grant.getByLabel('Logistics').check();
  await grant.getByLabel('Expires on').fill(expiry);
  await grant.getByRole('button', { name: 'Grant access' }).click();
  return grant.getByTestId('form-status');
}

async function setMaximum(page: Page, days: string) {
  await page.goto('/admin/settings');
  const form = page.getByRole('form', { name: 'Contractor maximum' });
  await form.getByLabel('Longest contractor access, in days').fill(days);
  await form.getByRole('button', { name: 'Save maximum' }).click();
  await expect(form.getByTestId('form-status')).toHaveText(`Contractor grants now end within ${days} days.`);
}

test('a contractor’s access ends within the maximum an admin sets', async ({ browser }) => {
  test.slow();
  const ada = await signedInContext(browser, demoUser('ada'));
  try {
    await expect(await grantCora(ada.page, '9999-12-31')).toHaveText(
      /^Contractor access ends within 365 days \(the maximum in Settings\): choose an expiry on or before \d{4}-\d{2}-\d{2}\.$/,
    );
    await ada.page.goto('/admin/settings');
    await expect(ada.page.getByTestId('contractor-max')).toContainText('at most 365 days');
    await setMaximum(ada.page, '30');
    await expect(ada.page.getByTestId('contractor-max')).toContainText('at most 30 days');
    const inSixty = new Date(Date.now() + 60 * 86_400_000).toISOString().slice(0, 10);
    await expect(await grantCora(ada.page, inSixty)).toContainText('Contractor access ends within 30 days');
  } finally {
    await setMaximum(ada.page, '365').catch(() => {});
    await ada.context.close();
  }
});
