import { expect, test } from '@playwright/test';
import { demoUser, signedInContext } from '../helpers';
import { confirmInDialog } from '../confirm';

/*
 * Issue 16 points 1 and 5: an irreversible act asks first, in a dialog that names it, with the focus on Cancel
 * and Escape cancelling; a form refused by the server keeps everything typed or ticked except passwords.
 */
test.describe.configure({ mode: 'serial' });

test('revoking a membership asks first: Cancel and Escape change nothing, the dialog names the person and the project', async ({
  browser,
}) => {
  const ada = await signedInContext(browser, demoUser('ada'));
  try {
    await ada.page.goto('/admin/projects');
    await ada.page.getByRole('link', { name: 'Aurora', exact: true }).click();
    const members = ada.page.getByRole('table', { name: 'Members' });
    const revoke = members.getByRole('form', { name: /^Revoke / }).first();
    const formName = await revoke.getAttribute('aria-label');
    const person = formName!.replace(/^Revoke /, '');

    await revoke.getByRole('button', { name: 'Revoke' }).click();
    const dialog = ada.page.getByRole('dialog', { name: `Revoke ${person}'s membership of Aurora?` });
    await expect(dialog).toBeVisible();
    await expect(dialog).toContainText('You can undo it within a minute');
    await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
    await ada.page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();

    await revoke.getByRole('button', { name: 'Revoke' }).click();
    await expect(dialog).toBeVisible();
    // Enter on the default button is Cancel: nothing is revoked by a reflex.
    await ada.page.keyboard.press('Enter');
    await expect(dialog).toBeHidden();
    await ada.page.reload();
    await expect(
      ada.page.getByRole('table', { name: 'Members' }).getByRole('form', { name: `Revoke ${person}` }),
    ).toHaveCount(1);
  } finally {
    await ada.context.close();
  }
});

test('running retention and disabling a person ask first; Cancel runs nothing', async ({ browser }) => {
  const ada = await signedInContext(browser, demoUser('ada'));
  try {
    await ada.page.goto('/admin/privacy/retention');
    const runs = await ada.page
      .getByRole('table', { name: 'Recent retention runs' })
      .getByRole('row')
      .count()
      .catch(() => 0);
    await ada.page
      .getByRole('form', { name: 'Run retention now' })
      .getByRole('button', { name: 'Run retention now' })
      .click();
    const dialog = ada.page.getByRole('dialog', { name: 'Run retention now?' });
    await expect(dialog).toContainText('cannot be undone');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(dialog).toBeHidden();
    await ada.page.reload();
    expect(
      await ada.page
        .getByRole('table', { name: 'Recent retention runs' })
        .getByRole('row')
        .count()
        .catch(() => 0),
    ).toBe(runs);

    await ada.page.goto('/admin/users');
    await ada.page
      .getByRole('form', { name: 'Disable cora.editor@contractor.test' })
      .getByRole('button', { name: 'Disable' })
      .click();
    const disable = ada.page.getByRole('dialog', { name: 'Disable Cora Editor?' });
    await expect(disable).toContainText('signed out everywhere');
    await expect(disable.getByRole('button', { name: 'Cancel' })).toBeFocused();
    await ada.page.keyboard.press('Escape');
    await ada.page.reload();
    await expect(ada.page.getByRole('form', { name: 'Disable cora.editor@contractor.test' })).toBeVisible();
  } finally {
    await ada.context.close();
  }
});

test('publishing a policy version shows the text first; Escape publishes nothing', async ({ browser }) => {
  const ada = await signedInContext(browser, demoUser('ada'));
  try {
    await ada.page.goto('/admin/privacy/policy');
    const versions = await ada.page.getByRole('table', { name: 'Policy versions' }).getByRole('row').count();
    const publish = ada.page.getByRole('form', { name: 'Publish a policy version' });
    await publish.getByLabel('What changed').fill('A preview that is never published.');
    await publish.getByLabel(/^Policy text/).fill('## Preview heading\n\nNEVER-PUBLISHED-PREVIEW with **bold** text.');
    await publish.getByRole('button', { name: 'Preview and publish' }).click();
    const dialog = ada.page.getByRole('dialog', { name: 'Publish this policy version?' });
    await expect(dialog.getByTestId('confirm-preview').getByRole('heading', { name: 'Preview heading' })).toBeVisible();
    await expect(dialog.getByTestId('confirm-preview')).toContainText('NEVER-PUBLISHED-PREVIEW');
    await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
    await ada.page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    // The typed text is still there to edit.
    await expect(publish.getByLabel(/^Policy text/)).toHaveValue(/NEVER-PUBLISHED-PREVIEW/);
    await ada.page.reload();
    await expect(ada.page.getByRole('table', { name: 'Policy versions' }).getByRole('row')).toHaveCount(versions);
  } finally {
    await ada.context.close();
  }
});

test('a refused grant keeps its person, scopes and expiry; a refused invitation keeps the age tick but not the passwords', async ({
  browser,
}) => {
  const ada = await signedInContext(browser, demoUser('ada'));
  const guestContext = await browser.newContext();
  const guest = await guestContext.newPage();
  try {
    await ada.page.goto('/admin/projects');
    await ada.page.getByRole('link', { name: 'Aurora', exact: true }).click();
    const grant = ada.page.getByRole('form', { name: 'Grant access' });
    await grant.getByLabel('Person').selectOption({ label: 'Nina Nonda (Contractor)' });
    await grant.getByLabel('Creative').check();
    await grant.getByLabel('Deal terms').check();
    await grant.getByLabel('Expires on').fill('2030-01-31');
    await grant.getByRole('button', { name: 'Grant access' }).click();
    await expect(grant.getByTestId('form-status')).toContainText('No valid NDA covering this client');
    await expect(grant.getByLabel('Person')).toHaveValue(/.+/);
    await expect(grant.getByLabel('Person').locator('option:checked')).toHaveText('Nina Nonda (Contractor)');
    await expect(grant.getByLabel('Creative')).toBeChecked();
    await expect(grant.getByLabel('Deal terms')).toBeChecked();
    await expect(grant.getByLabel('Expires on')).toHaveValue('2030-01-31');

    await ada.page.goto('/admin/users');
    const invite = ada.page.getByRole('form', { name: 'Invite someone' });
    await invite.getByLabel('Email').fill('rory.keep@mmgroup.test');
    await invite.getByLabel('Full name').fill('Rory Keep');
    await invite.getByRole('button', { name: 'Create invitation' }).click();
    const link = (await invite.getByTestId('invitation-link').textContent()) ?? '';

    await guest.goto(new URL(link).pathname);
    const form = guest.getByRole('form', { name: 'Accept invitation' });
    await form.getByLabel('New password').fill('a-long-password-2026');
    await form.getByLabel('Confirm password').fill('a-different-password-2026');
    await form.getByLabel('I confirm I am 18 or older').check();
    await form.getByRole('button', { name: 'Create my account' }).click();
    await expect(form.getByTestId('form-status')).toHaveText(/correct|match/i);
    await expect(form.getByLabel('I confirm I am 18 or older')).toBeChecked();
    await expect(form.getByLabel('New password')).toHaveValue('');
    await expect(form.getByLabel('Confirm password')).toHaveValue('');
  } finally {
    await ada.context.close();
    await guestContext.close();
  }
});

test('the confirming button does the act', async ({ browser }) => {
  const ada = await signedInContext(browser, demoUser('ada'));
  try {
    await ada.page.goto('/admin/users');
    const pending = ada.page.getByRole('table', { name: 'Accounts' });
    await expect(pending).toBeVisible();
    // Disable then enable Oscar: the dialog's own button is what disables.
    const disable = ada.page.getByRole('form', { name: /^Disable oscar/ });
    const label = (await disable.getAttribute('aria-label'))!;
    await disable.getByRole('button', { name: 'Disable' }).click();
    const name = (await ada.page.getByRole('dialog').getByRole('heading').innerText()).replace(
      /^Disable (.*)\?$/,
      '$1',
    );
    await confirmInDialog(ada.page, `Disable ${name}`);
    const enable = ada.page.getByRole('form', { name: label.replace(/^Disable/, 'Enable') });
    await expect(enable).toBeVisible();
    await enable.getByRole('button', { name: 'Enable' }).click();
    await expect(ada.page.getByRole('form', { name: label })).toBeVisible();
  } finally {
    await ada.context.close();
  }
});
