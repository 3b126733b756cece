import { expect, test } from '@playwright/test';
import { confirmInDialog } from '../confirm';
import { demoUser, LUMEN, signedInContext } from '../helpers';

/*
 * The disclosure register (issue 15 points 1-3), as the demo users: Sam shares a new Aurora item with Lumen and the
 * register records it by itself, and Nova sees Lumen under "Shared with"; Ada records a gagged subpoena about Nova's
 * data — Nova does not see it (nor is told) until Ada lifts the gag, and then she sees it and is told.
 */
test.describe.configure({ mode: 'serial' });

test('a counterparty share appears in the register and in Nova’s “Shared with”', async ({ browser }) => {
  const sam = await signedInContext(browser, demoUser('sam'));
  const ada = await signedInContext(browser, demoUser('ada'));
  const nova = await signedInContext(browser, demoUser('nova'));
  try {
    await sam.page.goto('/');
    await sam.page.getByRole('heading', { name: 'Aurora' }).click();
    await sam.page.getByRole('link', { name: 'New item' }).click();
    await sam.page.getByLabel('Category').selectOption('creative');
    await sam.page.getByLabel('Title').fill('Campaign brief for Lumen E2E-DISCLOSED');
    await sam.page.getByLabel('Content').fill('What Lumen receives. E2E-DISCLOSED');
    await sam.page.getByLabel('Shared with counterparty').check();
    await sam.page.getByRole('button', { name: 'Create item' }).click();
    await expect(
      sam.page.getByRole('heading', { level: 1, name: 'Campaign brief for Lumen E2E-DISCLOSED' }),
    ).toBeVisible();
    const ref = (await sam.page.getByText(/^Creative · #\d+ · by /).textContent())!.match(/#(\d+)/)![1];
    const reference = `Creative item #${ref}`;

    // The register, under Administration: a brand-partner record naming the item by reference, never by title.
    await ada.page.goto('/');
    await ada.page.getByRole('button', { name: 'Administration' }).click();
    await ada.page.getByRole('link', { name: 'Disclosures', exact: true }).click();
    await expect(ada.page.getByRole('heading', { level: 1, name: 'Disclosures' })).toBeVisible();
    const row = ada.page.getByTestId('disclosure-row').filter({ hasText: reference });
    await expect(row).toHaveCount(1);
    await expect(row).toContainText('Brand partner');
    await expect(row).toContainText('Brand Lyra');
    await expect(row).toContainText('Sam Lead');
    await expect(ada.page.locator('main')).not.toContainText('E2E-DISCLOSED');

    // Nova's "Shared with": Lumen by name, the item by reference, purpose and basis.
    await nova.page.goto('/');
    await nova.page.getByRole('link', { name: 'Shared with', exact: true }).first().click();
    const mine = nova.page.getByTestId('shared-with-row').filter({ hasText: reference });
    await expect(mine).toHaveCount(1);
    await expect(mine).toContainText(LUMEN);
    await expect(mine).toContainText('Brand partner');
    await expect(mine).toContainText('Contract');
  } finally {
    await Promise.all([sam.context.close(), ada.context.close(), nova.context.close()]);
  }
});

test('a gagged disclosure is hidden from the client until it is lifted', async ({ browser }) => {
  const ada = await signedInContext(browser, demoUser('ada'));
  const nova = await signedInContext(browser, demoUser('nova'));
  const reference = `SUB-E2E-${Date.now()}`;
  try {
    await ada.page.goto('/admin/disclosures');
    const form = ada.page.getByRole('form', { name: 'Record a disclosure' });
    await form.getByLabel('Whose data').selectOption({ label: 'Client Vega' });
    await form.getByLabel('Recipient kind').selectOption({ label: 'Authority' });
    await form.getByLabel('Recipient name').fill('Metropolitan Police');
    await form.getByLabel('Recipient country').selectOption({ label: 'United Kingdom' });
    await form.getByLabel('Identity and contact').check();
    await form.getByLabel('Purpose').fill('Compliance with a subpoena in a criminal investigation');
    await form.getByLabel('Lawful basis').selectOption({ label: 'Legal obligation' });
    // Validation first: a subpoena without its reference is refused, nothing recorded.
    await form.getByLabel('Legal instrument').selectOption({ label: 'Subpoena' });
    await form.getByLabel('Does the law forbid telling the person?').selectOption('yes');
    await form.getByRole('button', { name: 'Record the disclosure' }).click();
    await expect(form.getByText('Give the instrument’s reference.')).toBeVisible();
    await form.getByLabel('Instrument reference').fill(reference);
    await form.getByRole('button', { name: 'Record the disclosure' }).click();
    await expect(form.getByTestId('form-status')).toContainText('hidden from the client until the gag is lifted');
    const row = ada.page.getByTestId('disclosure-row').filter({ hasText: reference });
    await expect(row).toContainText('hidden from the client');

    // Nova sees no trace of it: not on "Shared with", not in her notifications.
    await nova.page.goto('/client/shared-with');
    await expect(nova.page.getByRole('heading', { level: 1, name: 'Shared with' })).toBeVisible();
    await expect(nova.page.locator('main')).not.toContainText(reference);
    await expect(nova.page.locator('main')).not.toContainText('Metropolitan Police');
    await nova.page.goto('/notifications');
    await expect(nova.page.locator('main')).not.toContainText('Metropolitan Police');

    // Ada lifts the gag, after confirming.
    await ada.page.goto('/admin/disclosures?state=withheld');
    const withheld = ada.page.getByTestId('disclosure-row').filter({ hasText: reference });
    await expect(withheld).toHaveCount(1);
    await withheld.getByRole('button', { name: 'Lift the gag' }).click();
    await confirmInDialog(ada.page, 'Lift the gag and tell the client');
    // Lifted: the record leaves the list of those hidden from their client.
    await expect(withheld).toHaveCount(0);
    await ada.page.goto('/admin/disclosures?state=legal');
    await expect(ada.page.getByTestId('disclosure-row').filter({ hasText: reference })).toContainText('gag lifted');

    // Now Nova sees it, and was told.
    await nova.page.goto('/client/shared-with');
    const seen = nova.page.getByTestId('shared-with-row').filter({ hasText: reference });
    await expect(seen).toHaveCount(1);
    await expect(seen).toContainText('Metropolitan Police');
    await expect(seen).toContainText('Legal obligation');
    await nova.page.goto('/notifications');
    await expect(nova.page.locator('main')).toContainText(
      'You may now be told of a disclosure: data about you went to Metropolitan Police',
    );
  } finally {
    await Promise.all([ada.context.close(), nova.context.close()]);
  }
});
