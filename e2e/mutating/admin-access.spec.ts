import { expect, test, type Page } from '@playwright/test';
import { demoUser, signedInContext, visit, withFreshTotpCode } from '../helpers';
import { confirmInDialog } from '../confirm';

/*
 * Administration changes what people see, on their very next request. These specs change the demo world, so
 * they run after every read-only spec, one at a time.
 */
test.describe.configure({ mode: 'serial' });

async function openProjectAccess(page: Page, codename: string) {
  await page.goto('/admin/projects');
  await page.getByRole('link', { name: codename, exact: true }).click();
  await expect(page.getByRole('heading', { name: `${codename}: access` })).toBeVisible();
}

test('an admin grants and revokes access, and the grantee sees the change on the next request', async ({ browser }) => {
  const admin = await signedInContext(browser, demoUser('ada'));
  const finn = await signedInContext(browser, demoUser('finn'));
  try {
    await finn.page.goto('/');
    await expect(finn.page.getByRole('heading', { name: 'Borealis' })).toHaveCount(0);

    await openProjectAccess(admin.page, 'Borealis');
    const grant = admin.page.getByRole('form', { name: 'Grant access' });
    await grant.getByLabel('Person').selectOption({ label: 'Finn Finance (Staff)' });
    await grant.getByLabel('Deal terms').check();
    await grant.getByRole('button', { name: 'Grant access' }).click();
    await expect(grant.getByTestId('form-status')).toHaveText('Access granted.');

    await finn.page.reload();
    await finn.page.getByRole('heading', { name: 'Borealis' }).click();
    await expect(finn.page.getByText('BOREALIS-RATE')).toBeVisible();
    await expect(finn.page.getByText('BOREALIS-UNRELEASED')).toHaveCount(0);
    const borealisPath = new URL(finn.page.url()).pathname;

    await admin.page.reload();
    await admin.page.getByRole('form', { name: 'Revoke Finn Finance' }).getByRole('button', { name: 'Revoke' }).click();
    await confirmInDialog(admin.page, 'Revoke Finn Finance');
    await expect(admin.page.getByRole('form', { name: 'Revoke Finn Finance' })).toHaveCount(0);

    const after = await visit(finn.page, borealisPath);
    expect(after.status).toBe(404);
    expect(after.content).not.toContain('BOREALIS-');
    await finn.page.goto('/');
    await expect(finn.page.getByRole('heading', { name: 'Borealis' })).toHaveCount(0);
  } finally {
    await admin.context.close();
    await finn.context.close();
  }
});

test('a grant without an NDA is refused with its message, and nothing is granted', async ({ browser }) => {
  const admin = await signedInContext(browser, demoUser('ada'));
  try {
    await openProjectAccess(admin.page, 'Aurora');
    const grant = admin.page.getByRole('form', { name: 'Grant access' });
    await grant.getByLabel('Person').selectOption({ label: 'Nina Nonda (Contractor)' });
    await grant.getByLabel('Creative').check();
    await grant.getByLabel('Expires on').fill('2030-01-31');
    await grant.getByRole('button', { name: 'Grant access' }).click();
    await expect(grant.getByTestId('form-status')).toContainText('No valid NDA covering this client');
    await admin.page.reload();
    await expect(admin.page.getByRole('table', { name: 'Members' }).getByText('Nina Nonda')).toHaveCount(0);

    // A contractor with an NDA still needs an expiry date.
    await grant.getByLabel('Person').selectOption({ label: 'Cora Editor (Contractor)' });
    await grant.getByLabel('Deal terms').check();
    await grant.getByRole('button', { name: 'Grant access' }).click();
    await expect(grant.getByTestId('form-status')).toHaveText('Contractor access always needs an expiry date.');
  } finally {
    await admin.context.close();
  }
});

test('an admin grants a high-risk allowlist entry and revokes it', async ({ browser }) => {
  const admin = await signedInContext(browser, demoUser('ada'));
  try {
    await openProjectAccess(admin.page, 'Aurora');
    await expect(admin.page.getByText('AURORA-HR-ITINERARY')).toHaveCount(0);
    // Aurora has two high-risk logistics items since the passport scan (docs/product.md §9.1): take the itinerary, the
    // older one.
    const labels = (await admin.page.getByRole('heading', { name: /^Logistics item #\d+$/ }).allInnerTexts()).map((t) =>
      t.trim(),
    );
    const label = labels.sort((a, b) => Number(a.split('#')[1]) - Number(b.split('#')[1]))[0]!;
    await admin.page.getByText(`Add someone to ${label}`).click();
    const form = admin.page.getByRole('form', { name: `Add to allowlist of ${label}` });
    await form.getByLabel('Person').selectOption({ label: 'Finn Finance (Staff)' });
    await form.getByRole('button', { name: 'Add to allowlist' }).click();
    await expect(form.getByText('Say why this person needs it.')).toBeVisible();
    await form.getByLabel('Reason').fill('Pays the travel agency');
    await form.getByRole('button', { name: 'Add to allowlist' }).click();
    await expect(form.getByTestId('form-status')).toHaveText('Added to the allowlist.');
    await admin.page.reload();
    const remove = admin.page.getByRole('form', { name: `Remove Finn Finance from ${label}` });
    await remove.getByRole('button', { name: 'Remove' }).click();
    await confirmInDialog(admin.page, 'Remove Finn Finance');
    await expect(remove).toHaveCount(0);
  } finally {
    await admin.context.close();
  }
});

test('a disabled user is refused on the next request, whatever the session cookie says', async ({ browser }) => {
  const admin = await signedInContext(browser, demoUser('ada'));
  const nina = await signedInContext(browser, demoUser('nina'));
  try {
    await admin.page.goto('/admin/users');
    await admin.page
      .getByRole('form', { name: 'Disable nina.nonda@contractor.test' })
      .getByRole('button', { name: 'Disable' })
      .click();
    await confirmInDialog(admin.page, 'Disable Nina Nonda');
    await expect(admin.page.getByRole('form', { name: 'Enable nina.nonda@contractor.test' })).toBeVisible();

    await nina.page.reload();
    await expect(nina.page).toHaveURL(/\/sign-in$/);
    await nina.page.getByLabel('Email', { exact: true }).fill(demoUser('nina').email);
    await nina.page.getByLabel('Password', { exact: true }).fill('demo-pass-2026');
    await nina.page.getByRole('button', { name: 'Sign in' }).click();
    await expect(nina.page.getByTestId('form-status')).toContainText('The email or password is incorrect');

    await admin.page
      .getByRole('form', { name: 'Enable nina.nonda@contractor.test' })
      .getByRole('button', { name: 'Enable' })
      .click();
    await expect(admin.page.getByRole('form', { name: 'Disable nina.nonda@contractor.test' })).toBeVisible();
  } finally {
    await admin.context.close();
    await nina.context.close();
  }
});

test('an invited person confirms their age, sets a password and signs in', async ({ browser }) => {
  const admin = await signedInContext(browser, demoUser('ada'));
  const guestContext = await browser.newContext();
  const guest = await guestContext.newPage();
  try {
    await admin.page.goto('/admin/users');
    const invite = admin.page.getByRole('form', { name: 'Invite someone' });
    await invite.getByLabel('Email').fill('quinn.new@mmgroup.test');
    await invite.getByLabel('Full name').fill('Quinn New');
    await invite.getByLabel('Role').selectOption('staff');
    await invite.getByRole('button', { name: 'Create invitation' }).click();
    const link = (await invite.getByTestId('invitation-link').textContent()) ?? '';
    const path = new URL(link).pathname;

    await guest.goto(path);
    await expect(guest.getByRole('heading', { name: 'Welcome, Quinn New' })).toBeVisible();
    const form = guest.getByRole('form', { name: 'Accept invitation' });
    await form.getByLabel('New password').fill('a-long-password-2026');
    await form.getByLabel('Confirm password').fill('a-long-password-2026');
    await form.getByRole('button', { name: 'Create my account' }).click();
    await expect(form.getByText('You must confirm you are 18 or older.')).toBeVisible();
    await form.getByLabel('New password').fill('a-long-password-2026');
    await form.getByLabel('Confirm password').fill('a-long-password-2026');
    await form.getByLabel('I confirm I am 18 or older').check();
    await form.getByRole('button', { name: 'Create my account' }).click();
    await expect(guest.getByText('Your account is ready')).toBeVisible();

    await guest.getByLabel('Email', { exact: true }).fill('quinn.new@mmgroup.test');
    await guest.getByLabel('Password', { exact: true }).fill('a-long-password-2026');
    await guest.getByRole('button', { name: 'Sign in' }).click();

    // Staff must sign in with two-factor: the first sign-in enrols, before any session exists.
    await expect(guest.getByRole('heading', { name: 'Set up two-factor authentication' })).toBeVisible();
    await expect(guest.getByRole('img', { name: /QR code/ })).toBeVisible();
    const secret = (await guest.getByTestId('totp-secret').innerText()).trim();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    await guest.goto('/');
    await expect(guest).toHaveURL(/\/sign-in$/);
    await guest.goto('/sign-in/enrol');
    expect((await guest.getByTestId('totp-secret').innerText()).trim()).toBe(secret);
    await withFreshTotpCode('quinn.new@mmgroup.test', secret, async (code) => {
      await guest.getByLabel('Authentication code', { exact: true }).fill(code);
      await guest.getByRole('button', { name: 'Verify', exact: true }).click();
      await expect(guest.getByTestId('recovery-codes').getByRole('listitem')).toHaveCount(10);
    });
    await guest.getByRole('button', { name: 'Continue', exact: true }).click();
    await expect(guest.getByTestId('signed-in-user')).toContainText('Quinn New');
    await expect(guest.getByText('You have no projects yet')).toBeVisible();

    // The link works once.
    await guest.goto(path);
    await expect(guest.getByText('This invitation link is not valid any more')).toBeVisible();
  } finally {
    await admin.context.close();
    await guestContext.close();
  }
});
