import { expect, test } from '@playwright/test';
import { confirmInDialog } from '../confirm';
import { demoUser, PROJECT_PATH, signedInContext, visit } from '../helpers';

/*
 * Periodic access reviews (issue 15 points 7-9), as the demo users: the lead opens Borealis' review and sees each
 * grant with its holder's activity; his own access is an administrator's to confirm; an administrator confirms
 * the rest but not Finn's new grant and ends the review; Finn's unconfirmed access expires on his next request,
 * and Kai (the client) sees when access was last reviewed and by whom.
 */
test.describe.configure({ mode: 'serial' });

test('an unconfirmed grant expires at the end of its review, and the client sees the review', async ({ browser }) => {
  const ada = await signedInContext(browser, demoUser('ada'));
  const oscar = await signedInContext(browser, demoUser('oscar'));
  const finn = await signedInContext(browser, demoUser('finn'));
  const kai = await signedInContext(browser, demoUser('kai'));
  try {
    // Finn is granted Borealis' deal terms and reads them.
    await ada.page.goto('/admin/projects');
    await ada.page.getByRole('link', { name: 'Borealis', exact: true }).click();
    const grant = ada.page.getByRole('form', { name: 'Grant access' });
    await grant.getByLabel('Person').selectOption({ label: 'Finn Finance (Staff)' });
    await grant.getByLabel('Deal terms').check();
    await grant.getByRole('button', { name: 'Grant access' }).click();
    await expect(grant.getByTestId('form-status')).toHaveText('Access granted.');
    await finn.page.goto('/');
    await finn.page.getByRole('heading', { name: 'Borealis' }).click();
    await finn.page.waitForURL((url) => PROJECT_PATH.test(url.pathname));
    const borealis = new URL(finn.page.url()).pathname;
    await finn.page.getByRole('link', { name: /BOREALIS-RATE/ }).click();
    await expect(finn.page.getByText('BOREALIS-RATE').first()).toBeVisible();

    // The lead opens the review: Finn's row shows his read; Oscar's own rows are for an administrator.
    await oscar.page.goto('/');
    await oscar.page.getByRole('heading', { name: 'Borealis' }).click();
    await oscar.page.getByRole('link', { name: 'Access review' }).click();
    await oscar.page.getByRole('button', { name: 'Open a review now' }).click();
    await expect(oscar.page.getByRole('heading', { name: /^Open until \d{4}-\d{2}-\d{2}$/ })).toBeVisible();
    const finnRow = oscar.page.getByRole('row').filter({ hasText: 'Finn Finance' });
    await expect(finnRow.getByRole('cell').nth(4)).not.toHaveText('0');
    await expect(finnRow.getByRole('button', { name: 'Confirm' })).toBeVisible();
    await expect(oscar.page.getByRole('row').filter({ hasText: 'Oscar Other' }).first()).toContainText(
      'Your own access: an administrator confirms it.',
    );

    // An administrator confirms every grant but Finn's, then ends the review.
    await ada.page.goto('/admin/reviews');
    await ada.page.getByRole('link', { name: /the access review of Borealis/ }).click();
    await expect(ada.page.getByRole('heading', { name: /^Open until / })).toBeVisible();
    await expect(ada.page.getByRole('form', { name: /^Confirm Finn Finance/ })).toBeVisible();
    for (
      let left = await ada.page.getByRole('form', { name: /^Confirm (?!Finn Finance)/ }).count();
      left > 0;
      left -= 1
    ) {
      const form = ada.page.getByRole('form', { name: /^Confirm (?!Finn Finance)/ }).first();
      const name = await form.getAttribute('aria-label');
      await form.getByRole('button', { name: 'Confirm' }).click();
      await expect(ada.page.getByRole('form', { name: name!, exact: true })).toHaveCount(0);
    }
    await ada.page.getByRole('button', { name: 'End review now' }).click();
    await confirmInDialog(ada.page, 'End review and expire unconfirmed access');
    // The review is closed: the page says when, by whom and what expired, and offers a new one.
    await expect(
      ada.page.getByText(/^Last reviewed on \d{4}-\d{2}-\d{2} by Ada Admin: 1 unconfirmed grant expired\.$/),
    ).toBeVisible();
    await expect(ada.page.getByRole('button', { name: 'Open a review now' })).toBeVisible();

    // Finn's access ended on his next request; Oscar's confirmed access stands.
    const after = await visit(finn.page, borealis);
    expect(after.status).toBe(404);
    expect(after.content).not.toContain('BOREALIS-');
    await oscar.page.goto(borealis);
    await expect(oscar.page.getByText('BOREALIS-HR-SECURITY').first()).toBeVisible();

    // Kai sees when Borealis' access was last reviewed, and by whom.
    await kai.page.goto(`${borealis}/people`);
    await expect(kai.page.getByTestId('last-review')).toContainText(
      /was last reviewed on \d{4}-\d{2}-\d{2} by Ada Admin/,
    );
  } finally {
    for (const session of [ada, oscar, finn, kai]) await session.context.close();
  }
});
