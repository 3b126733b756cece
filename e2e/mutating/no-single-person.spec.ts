import { expect, test } from '@playwright/test';
import { demoUser, signedInContext } from '../helpers';

/*
 * No single person (issue 12, findings 1 and 2): an NDA is signed by its signer in the portal; an admin cannot
 * grant herself access (and the client hears nothing of a refused attempt); the demo's only admin opens
 * break-glass access, sees the banner on every page, the client is told at once, and she ends it.
 */
test.describe.configure({ mode: 'serial' });

test('a person reads and signs an NDA sent to them; both download the signed record', async ({ browser }) => {
  const ada = await signedInContext(browser, demoUser('ada'));
  const nina = await signedInContext(browser, demoUser('nina'));
  try {
    await ada.page.goto('/admin/ndas');
    await expect(ada.page.getByTestId('paper-note')).toContainText('scanned original will need to be attached');
    await expect(ada.page.getByRole('form', { name: 'Record a signature' })).toHaveCount(0);
    const send = ada.page.getByRole('form', { name: 'Send an NDA' });
    // Nobody sends an NDA to themselves: Ada is not offered.
    await expect(send.getByLabel('To').locator('option', { hasText: 'Ada Admin' })).toHaveCount(0);
    await send.getByLabel('To').selectOption({ label: 'Nina Nonda (Contractor)' });
    await send.getByLabel('Agreement').selectOption({ label: 'Contractor NDA v1' });
    await send.getByLabel('Covers').selectOption({ label: 'Client Orion' });
    await send.getByRole('button', { name: 'Send to sign' }).click();
    await expect(send.getByTestId('form-status')).toContainText('NDA sent.');

    await nina.page.goto('/notifications');
    await expect(nina.page.getByRole('list', { name: 'Notifications' })).toContainText(
      'An NDA to read and sign: Contractor NDA v1',
    );
    await nina.page.goto('/account/ndas');
    await expect(nina.page.getByTestId('nda-text')).toContainText('MM Group contractor non-disclosure agreement');
    const form = nina.page.getByRole('form', { name: 'Sign Contractor NDA' });
    await form.getByLabel('Your full name').fill('Nina Nonda');
    await form.getByRole('button', { name: 'Sign' }).click();
    await expect(form.getByText('Tick the box to confirm you consent.')).toBeVisible();
    await form.getByLabel('Your full name').fill('Nina Nonda');
    await form.getByLabel('I have read the agreement above and I sign it.').check();
    await form.getByRole('button', { name: 'Sign' }).click();
    const signed = nina.page.getByRole('table', { name: 'My signed NDAs' });
    await expect(signed.getByRole('row', { name: /Contractor NDA v1 Client Orion In the portal/ })).toBeVisible();

    const href = await signed.getByRole('link', { name: 'Download' }).first().getAttribute('href');
    for (const party of [nina.page, ada.page]) {
      const response = await party.request.get(href!);
      expect(response.status()).toBe(200);
      const body = await response.text();
      expect(body).toContain('Signer: Nina Nonda');
      expect(body).toContain('signed by the signer in the portal');
      expect(body).toMatch(/SHA-256 of the text signed: [0-9a-f]{64}/);
      expect(body).toMatch(/Signer's browser: .+/);
    }
    await ada.page.goto('/admin/ndas');
    await expect(
      ada.page
        .getByRole('table', { name: 'NDAs sent' })
        .getByRole('row', { name: /Nina Nonda Contractor NDA v1 Client Orion .* Signed/ }),
    ).toBeVisible();
  } finally {
    await Promise.all([ada.context.close(), nina.context.close()]);
  }
});

test('Ada cannot grant herself Borealis: a clear message, nothing granted, Kai hears nothing', async ({ browser }) => {
  const ada = await signedInContext(browser, demoUser('ada'));
  const kai = await signedInContext(browser, demoUser('kai'));
  try {
    await kai.page.goto('/notifications');
    const before = await kai.page.getByRole('list', { name: 'Notifications' }).getByRole('listitem').count();
    await ada.page.goto('/admin/projects');
    await ada.page.getByRole('link', { name: 'Borealis', exact: true }).click();
    const grant = ada.page.getByRole('form', { name: 'Grant access' });
    await grant.getByLabel('Person').selectOption({ label: 'Ada Admin (Access administrator)' });
    await grant.getByLabel('Project role').selectOption('lead');
    await grant.getByRole('button', { name: 'Grant access' }).click();
    await expect(grant.getByTestId('form-status')).toHaveText(
      /You cannot grant yourself access\. Ask for it at Access requests: another admin decides/,
    );
    await ada.page.reload();
    await expect(ada.page.getByRole('table', { name: 'Members' }).getByText('Ada Admin')).toHaveCount(0);
    await kai.page.reload();
    await expect(kai.page.getByRole('list', { name: 'Notifications' }).getByRole('listitem')).toHaveCount(before);
  } finally {
    await Promise.all([ada.context.close(), kai.context.close()]);
  }
});

test('break-glass with the only admin: a banner on every page, the client told at once, ended by her', async ({
  browser,
}) => {
  const ada = await signedInContext(browser, demoUser('ada'));
  const kai = await signedInContext(browser, demoUser('kai'));
  try {
    await ada.page.goto('/admin/break-glass');
    await expect(ada.page.getByTestId('nda-text')).toBeVisible();
    const form = ada.page.getByRole('form', { name: 'Open break-glass access' });
    await form.getByLabel('Project').selectOption({ label: 'Borealis' });
    await form.getByLabel('Reason').fill('Kai’s security team called: the venue changed tonight');
    // Exact: high-risk items listed below the scopes are labelled by category too ("Aurora: Deal terms item #…").
    await form.getByRole('checkbox', { name: 'deal terms', exact: true }).check();
    await form.getByLabel('Hours (at most 24)').fill('2');
    await form.getByLabel(/Your full name/).fill('Ada Admin');
    await form.getByLabel('I have read the agreement above and I sign it.').check();
    await form.getByRole('button', { name: 'Open break-glass access' }).click();
    await expect(form.getByTestId('form-status')).toContainText('The client has been told.');

    await ada.page.goto('/');
    const banner = ada.page.getByTestId('break-glass-banner');
    await expect(banner).toContainText(
      /Break-glass access to Borealis until \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC — the client has been told\./,
    );
    await ada.page.getByRole('heading', { name: 'Borealis' }).click();
    await expect(ada.page.getByText('BOREALIS-RATE')).toBeVisible();
    await expect(ada.page.getByTestId('break-glass-banner')).toBeVisible();

    await kai.page.goto('/notifications');
    await expect(kai.page.getByRole('list', { name: 'Notifications' })).toContainText('Break-glass access to Borealis');
    await expect(kai.page.getByRole('list', { name: 'Notifications' })).toContainText(
      'Reason given: Kai’s security team called',
    );

    await ada.page
      .getByRole('form', { name: 'End break-glass access to Borealis' })
      .getByRole('button', { name: 'End now' })
      .click();
    await ada.page.goto('/');
    await expect(ada.page.getByTestId('break-glass-banner')).toHaveCount(0);
    await expect(ada.page.getByRole('heading', { name: 'Borealis' })).toHaveCount(0);
  } finally {
    await Promise.all([ada.context.close(), kai.context.close()]);
  }
});
