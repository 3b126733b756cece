import { expect, test } from '@playwright/test';
import { demoUser, signedInContext, visit } from '../helpers';

/*
 * /admin/jobs (issue 17): an administrator sees each scheduled job with its schedule and last run, runs one now,
 * and sees the run recorded; anyone else finds no such page. The browser-test server runs with CLEARANCE_JOBS=off,
 * so nothing runs by itself while the test looks and the page says so.
 */
test.describe.configure({ mode: 'serial' });

test('an admin sees the scheduled jobs, runs one now, and sees the run recorded', async ({ browser }) => {
  const admin = await signedInContext(browser, demoUser('ada'));
  try {
    // The /admin pages sit in the header's Administration menu (issue 16).
    await admin.page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Administration' }).click();
    await admin.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Jobs' }).click();
    await expect(admin.page.getByRole('heading', { name: 'Scheduled jobs' })).toBeVisible();
    await expect(admin.page.getByText('The schedule is off in this instance')).toBeVisible();
    const jobs = admin.page.getByRole('table', { name: 'Scheduled jobs' });
    for (const title of ['Retention', 'Expiry reminders', 'Privacy request deadlines', 'Email delivery']) {
      await expect(jobs.getByRole('cell', { name: new RegExp(`^${title}`) })).toBeVisible();
    }
    await expect(
      jobs.getByRole('row', { name: /Expiry reminders/ }).getByRole('cell', { name: 'Hourly, at five past' }),
    ).toBeVisible();

    const runNow = admin.page.getByRole('form', { name: 'Run Expiry reminders now' });
    await runNow.getByRole('button', { name: 'Run now' }).click();
    await expect(runNow.getByTestId('form-status')).toHaveText(/^Expiry reminders ran: \d+ reminders sent\.$/);

    await admin.page.reload();
    const row = admin.page
      .getByRole('table', { name: 'Scheduled jobs' })
      .getByRole('row', { name: /Expiry reminders/ });
    await expect(row.getByText('Succeeded')).toBeVisible();
    const recent = admin.page.getByRole('table', { name: 'Recent runs' });
    await expect(
      recent.getByRole('row', { name: /Expiry reminders .* By hand \(Ada Admin\) Succeeded/ }),
    ).toBeVisible();
  } finally {
    await admin.context.close();
  }
});

test('anyone but an admin finds no jobs page', async ({ browser }) => {
  const sam = await signedInContext(browser, demoUser('sam'));
  try {
    const page = await visit(sam.page, '/admin/jobs');
    expect(page.status).toBe(404);
    await expect(sam.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Jobs' })).toHaveCount(0);
  } finally {
    await sam.context.close();
  }
});
