import { expect, test, type Page } from '@playwright/test';
import { demoUser, signedInContext } from '../helpers';
import { confirmInDialog } from '../confirm';
import { readMail, rejectCookiesIfAsked } from '../privacy';

/**
 * The register of processing activities (issue 15 points 4-6) as its users meet it: Ada reads the register generated
 * from the system — a retention rule she changes is the register's retention at once — and downloads it for a
 * regulator; she makes Aurora a processor engagement, and a public rights request about it is routed to the controller:
 * the requester reads whom to contact (Nova, who allows public association, by name) and Nova is told of the request.
 * The shared world: the rule and Aurora's role are put back as they were found.
 */

const TAG = Date.now().toString(36);

async function openRegister(page: Page) {
  await page.goto('/');
  const nav = page.getByRole('navigation', { name: 'Main' });
  await nav.getByRole('button', { name: 'Administration' }).click();
  await nav.getByRole('link', { name: 'Processing register' }).click();
  await expect(page.getByRole('heading', { name: 'Register of processing activities' })).toBeVisible();
}

async function setContractRecords(page: Page, value: string, unit: string) {
  await page.goto('/admin/privacy/retention');
  const form = page.getByRole('form', { name: 'Change Contract records' });
  await form.getByLabel('Period').fill(value);
  await form.getByLabel('Unit').selectOption(unit);
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(form.getByTestId('form-status')).toHaveText('Rule saved.');
}

test('the register’s retention column follows the retention rule, on the page and in the CSV and JSON exports', async ({
  browser,
}) => {
  const ada = await signedInContext(browser, demoUser('ada'));
  try {
    await ada.page.goto('/admin/privacy/retention');
    const row = ada.page.getByRole('table', { name: 'Retention rules' }).getByRole('row', { name: /Contract records/ });
    const was = /(\d+) (day|month|year)s?/.exec(await row.innerText())!;
    const [before, beforeUnit] = [was[1]!, `${was[2]}s`];
    const next = String(Number(before) + 2);

    await openRegister(ada.page);
    const retention = ada.page.getByTestId('retention-deal_terms');
    await expect(retention).toHaveText(
      `Contract records: ${before} ${Number(before) === 1 ? was[2] : beforeUnit} after the contract ends (the closed project’s end date)`,
    );

    await setContractRecords(ada.page, next, beforeUnit);
    await openRegister(ada.page);
    await expect(retention).toHaveText(
      `Contract records: ${next} ${beforeUnit} after the contract ends (the closed project’s end date)`,
    );

    // The regulator's downloads say the same.
    const csv = await ada.page.request.get('/admin/processing/register.csv');
    expect(csv.headers()['content-type']).toContain('text/csv');
    expect(await csv.text()).toContain(`Contract records: ${next} ${beforeUnit} after the contract ends`);
    const json = await (await ada.page.request.get('/admin/processing/register.json')).json();
    expect(json.activities.find((a: { category: string }) => a.category === 'deal_terms').retention[0]).toContain(
      `${next} ${beforeUnit}`,
    );

    await setContractRecords(ada.page, before, beforeUnit);
    await openRegister(ada.page);
    await expect(retention).toContainText(`Contract records: ${before} `);
  } finally {
    await ada.context.close();
  }
});

test('a processor engagement’s rights request goes to the controller: the requester is told whom to contact, the client is told', async ({
  browser,
  page,
}) => {
  const ada = await signedInContext(browser, demoUser('ada'));
  const nova = await signedInContext(browser, demoUser('nova'));
  const instructions = `DPA-AURORA-${TAG}`;
  const requester = `routed.${TAG}@example.test`;
  try {
    // Ada: Aurora is an engagement where MM Group acts on Nova's instructions.
    await openRegister(ada.page);
    const role = ada.page.getByRole('form', { name: 'Role for Aurora' });
    await role.getByLabel('MM Group acts as').selectOption('processor');
    await role.getByLabel('Instructions on file (document reference)').fill(instructions);
    await role.getByRole('button', { name: 'Save role' }).click();
    await expect(role.getByTestId('form-status')).toHaveText('Saved: MM Group is processor for this engagement.');
    await expect(ada.page.getByTestId('engagement-Aurora')).toContainText(instructions);

    // A member of the public opts out (no code needed) about a campaign.
    await page.goto('/privacy/request');
    await rejectCookiesIfAsked(page);
    const form = page.getByRole('form', { name: 'Privacy request' });
    await form.getByLabel('What are you asking for?').selectOption('opt_out_sale_sharing');
    await form.getByLabel('Name', { exact: true }).fill('Robin Routed');
    await form.getByLabel('Email', { exact: true }).fill(requester);
    await form.getByLabel('Details (optional)').fill('I was in the Lumen campaign shoot');
    await form.getByRole('button', { name: 'Send request' }).click();
    await page.waitForURL(/\/privacy\/request\/[0-9a-f-]{36}$/);
    const requestId = new URL(page.url()).pathname.split('/').pop()!;
    const ref = await page.getByTestId('request-ref').innerText();

    // Ada routes it to Aurora's controller.
    await ada.page.goto(`/admin/privacy/requests/${requestId}`);
    const route = ada.page.getByRole('form', { name: 'Route to the controller' });
    await route
      .getByLabel('Processor engagement')
      .selectOption({ label: `Aurora (client Client Vega; instructions ${instructions})` });
    await route.getByRole('button', { name: 'Route to the controller' }).click();
    await confirmInDialog(ada.page, 'Route it');
    await expect(ada.page.getByRole('heading', { name: new RegExp(`Request ${ref}`) })).toContainText('Completed');
    await expect(ada.page.getByText(/Routed .* to the controller of Aurora/)).toBeVisible();

    // The requester's page and email: contact Nova Reyes (she allows public association).
    await page.reload();
    await expect(page.getByTestId('request-routed')).toContainText('Please contact Nova Reyes about your request.');
    expect(await readMail(page, requester, /Your privacy request PR-\d{5} goes to the controller/)).toContain(
      'Please contact Nova Reyes',
    );

    // Nova is told, with the requester's contact so she can answer.
    await nova.page.goto('/notifications');
    const told = nova.page.getByRole('list', { name: 'Notifications' }).getByRole('listitem').filter({ hasText: ref });
    await expect(told).toContainText('A privacy request about data we process for you on Aurora');
    await expect(told).toContainText(requester);
    await expect(told).toContainText(instructions);
  } finally {
    // Aurora back to a controller engagement, as the shared world had it.
    await openRegister(ada.page);
    const role = ada.page.getByRole('form', { name: 'Role for Aurora' });
    await role.getByLabel('MM Group acts as').selectOption('controller');
    await role.getByRole('button', { name: 'Save role' }).click();
    await expect(role.getByTestId('form-status')).toHaveText('Saved: MM Group is controller for this engagement.');
    await ada.context.close();
    await nova.context.close();
  }
});
