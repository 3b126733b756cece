import { expect, test, type Page } from '@playwright/test';
import { demoUser, signedInContext, visit } from '../helpers';

/*
 * Issue 12, finding 3: a lead cannot expose a client's hand-over. Nova hands over an itinerary (high-risk);
 * Sam lowers it and shares it with Lumen: the change waits for Nova, and Brian still cannot see it. Nova
 * approves: applied, Brian reads it. Sam's next change to share it again is refused by Nova: nothing changes.
 */
test.describe.configure({ mode: 'serial' });

async function openAurora(page: Page) {
  await page.goto('/');
  await page.getByRole('heading', { name: 'Aurora' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Aurora' })).toBeVisible();
}

async function classify(
  page: Page,
  path: string,
  classification: 'confidential' | 'high_risk',
  shared: boolean,
  expected: string,
) {
  await page.goto(path);
  const form = page.locator('form', { has: page.getByRole('button', { name: 'Save classification' }) });
  await form.getByLabel('Classification').selectOption(classification);
  await form.getByLabel('Shared with counterparty').setChecked(shared);
  await form.getByRole('button', { name: 'Save classification' }).click();
  await expect(form.getByTestId('form-status')).toHaveText(expected);
}

test('a client’s hand-over is lowered or shared only when the client approves', async ({ browser }) => {
  test.slow(); // three people, eleven page loads
  const nova = await signedInContext(browser, demoUser('nova'));
  const sam = await signedInContext(browser, demoUser('sam'));
  const brian = await signedInContext(browser, demoUser('brian'));
  try {
    // Nova hands over her hotel details: high-risk, for the lead.
    await openAurora(nova.page);
    await nova.page.getByRole('link', { name: 'New item' }).click();
    await nova.page.getByLabel('Category').selectOption('logistics');
    await nova.page.getByLabel('Title').fill('Hotel booking E2E-HANDOVER-HOTEL');
    await nova.page.getByLabel('Content').fill('Suite 1204 under another name. E2E-HANDOVER-HOTEL');
    await nova.page.getByRole('button', { name: 'Create item' }).click();
    await expect(nova.page.getByRole('heading', { level: 1, name: 'Hotel booking E2E-HANDOVER-HOTEL' })).toBeVisible();
    const itemPath = new URL(nova.page.url()).pathname;

    // Sam lowers it and shares it with Lumen: it waits for Nova; nothing changed; Brian still sees nothing.
    await classify(
      sam.page,
      itemPath,
      'confidential',
      true,
      'Sent to the client for approval: nothing changes until they approve.',
    );
    const before = await visit(brian.page, itemPath);
    expect(before.status).toBe(404);
    expect(before.content).not.toContain('E2E-HANDOVER-HOTEL');
    await sam.page.goto(itemPath);
    await expect(sam.page.getByText('High-risk confidential', { exact: true }).first()).toBeVisible();

    // Nova is told, and approves on her permissions page.
    await nova.page.goto('/notifications');
    await expect(nova.page.getByRole('list', { name: 'Notifications' })).toContainText(
      'Your approval is needed: a change to Logistics item #',
    );
    await nova.page.goto('/client');
    const pending = nova.page.getByTestId('pending-handover-change');
    await expect(pending).toHaveCount(1);
    await expect(pending).toContainText('lower from high-risk to confidential and share with the counterparty');
    await pending.getByRole('button', { name: 'Approve' }).click();
    await expect(nova.page.getByTestId('pending-handover-change')).toHaveCount(0);

    // Applied: Brian reads it now, and Sam is told.
    const after = await visit(brian.page, itemPath);
    expect(after.status).toBe(200);
    expect(after.visibleText).toContain('E2E-HANDOVER-HOTEL');
    await sam.page.goto('/notifications');
    await expect(sam.page.getByRole('list', { name: 'Notifications' })).toContainText('Change approved by the client');

    // Sam stops sharing it (no approval needed; Nova is told), then shares it again: Nova refuses with a reason.
    await classify(sam.page, itemPath, 'confidential', false, 'Classification saved.');
    expect((await visit(brian.page, itemPath)).status).toBe(404);
    await classify(
      sam.page,
      itemPath,
      'confidential',
      true,
      'Sent to the client for approval: nothing changes until they approve.',
    );
    await nova.page.goto('/client');
    const again = nova.page.getByTestId('pending-handover-change');
    await expect(again).toContainText('share with the counterparty');
    const refuse = again.getByRole('form', { name: /^Refuse the change to/ });
    await refuse.getByLabel('Reason for refusing').fill('Lumen does not need my hotel');
    await refuse.getByRole('button', { name: 'Refuse' }).click();
    await expect(nova.page.getByTestId('pending-handover-change')).toHaveCount(0);
    const refused = await visit(brian.page, itemPath);
    expect(refused.status).toBe(404);
    expect(refused.content).not.toContain('E2E-HANDOVER-HOTEL');
    await sam.page.goto('/notifications');
    await expect(sam.page.getByRole('list', { name: 'Notifications' })).toContainText('Lumen does not need my hotel');
    await nova.page.goto('/notifications');
    await expect(nova.page.getByRole('list', { name: 'Notifications' })).toContainText('is now confidential');
  } finally {
    await Promise.all([nova.context.close(), sam.context.close(), brian.context.close()]);
  }
});
