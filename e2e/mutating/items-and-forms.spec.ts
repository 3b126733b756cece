import { expect, test, type Page } from '@playwright/test';
import { demoUser, signedInContext, visit } from '../helpers';

test.describe.configure({ mode: 'serial' });

async function openAurora(page: Page) {
  await page.goto('/');
  await page.getByRole('heading', { name: 'Aurora' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Aurora' })).toBeVisible();
}

test('the lead creates and edits an item; only people with its scope see it', async ({ browser }) => {
  const sam = await signedInContext(browser, demoUser('sam'));
  const finn = await signedInContext(browser, demoUser('finn'));
  const cora = await signedInContext(browser, demoUser('cora'));
  try {
    await openAurora(sam.page);
    await sam.page.getByRole('link', { name: 'New item' }).click();
    await sam.page.getByLabel('Category').selectOption('deal_terms');
    await sam.page.getByLabel('Title').fill('Bonus clause E2E-NEWDEAL');
    await sam.page.getByLabel('Content').fill('A bonus on reach. E2E-NEWDEAL');
    await sam.page.getByRole('button', { name: 'Create item' }).click();
    await expect(sam.page.getByRole('heading', { level: 1, name: 'Bonus clause E2E-NEWDEAL' })).toBeVisible();
    const itemPath = new URL(sam.page.url()).pathname;

    await sam.page.getByLabel('Content').fill('A bonus on reach, capped. E2E-NEWDEAL-EDITED');
    await sam.page.getByRole('button', { name: 'Save changes' }).click();
    await expect(sam.page.getByTestId('form-status').first()).toHaveText('Saved.');
    await sam.page.reload();
    await expect(sam.page.getByTestId('item-body')).toContainText('E2E-NEWDEAL-EDITED');

    const seenByFinn = await visit(finn.page, itemPath);
    expect(seenByFinn.status).toBe(200);
    expect(seenByFinn.visibleText).toContain('E2E-NEWDEAL-EDITED');
    // Finn reads it but is neither its author nor the lead: no edit form.
    await expect(finn.page.getByRole('button', { name: 'Save changes' })).toHaveCount(0);

    const seenByCora = await visit(cora.page, itemPath);
    expect(seenByCora.status).toBe(404);
    expect(seenByCora.content).not.toContain('E2E-NEWDEAL');
  } finally {
    await Promise.all([sam.context.close(), finn.context.close(), cora.context.close()]);
  }
});

test('a high-risk item asks for its allowlist and is readable only by it', async ({ browser }) => {
  const sam = await signedInContext(browser, demoUser('sam'));
  const finn = await signedInContext(browser, demoUser('finn'));
  try {
    await openAurora(sam.page);
    await sam.page.getByRole('link', { name: 'New item' }).click();
    await sam.page.getByLabel('Category').selectOption('deal_terms');
    await sam.page.getByLabel('Classification').selectOption('high_risk');
    await expect(sam.page.getByRole('group', { name: 'Allowlist' })).toBeVisible();
    await sam.page.getByLabel('Title').fill('Side letter E2E-HR-SIDELETTER');
    await sam.page.getByLabel('Content').fill('Terms known to two people. E2E-HR-SIDELETTER');
    await sam.page.getByRole('button', { name: 'Create item' }).click();
    await expect(sam.page.getByRole('heading', { level: 1, name: 'Side letter E2E-HR-SIDELETTER' })).toBeVisible();
    // The badge beside the title (the classification form's option carries the same words).
    await expect(sam.page.getByText('High-risk confidential', { exact: true }).first()).toBeVisible();
    const itemPath = new URL(sam.page.url()).pathname;

    // Finn holds deal_terms but is not on the allowlist.
    const denied = await visit(finn.page, itemPath);
    expect(denied.status).toBe(404);
    expect(denied.content).not.toContain('E2E-HR-SIDELETTER');
  } finally {
    await Promise.all([sam.context.close(), finn.context.close()]);
  }
});

test('bad input to the item forms gets a message and changes nothing', async ({ browser }) => {
  const sam = await signedInContext(browser, demoUser('sam'));
  try {
    await openAurora(sam.page);
    const before = await sam.page.locator('a[href^="/items/"]').count();
    await sam.page.getByRole('link', { name: 'New item' }).click();
    await sam.page.getByLabel('Content').fill('No title here');
    await sam.page.getByRole('button', { name: 'Create item' }).click();
    await expect(sam.page.getByText('Give the item a title.')).toBeVisible();
    await expect(sam.page.getByTestId('form-status')).toHaveText('Please correct the highlighted fields.');
    await openAurora(sam.page);
    await expect(sam.page.locator('a[href^="/items/"]')).toHaveCount(before);

    await sam.page.getByRole('link', { name: /AURORA-RATE-250K/ }).click();
    await sam.page.getByLabel('Content').fill('   ');
    await sam.page.getByRole('button', { name: 'Save changes' }).click();
    await expect(sam.page.getByText('The item needs some content.')).toBeVisible();
    await sam.page.reload();
    await expect(sam.page.getByTestId('item-body')).toContainText('AURORA-RATE-250K');
  } finally {
    await sam.context.close();
  }
});

test('bad input to each admin form gets a message and changes nothing', async ({ browser }) => {
  const admin = await signedInContext(browser, demoUser('ada'));
  const page = admin.page;
  try {
    await page.goto('/admin/users');
    const invite = page.getByRole('form', { name: 'Invite someone' });
    await invite.getByLabel('Email').fill('not-an-email');
    await invite.getByRole('button', { name: 'Create invitation' }).click();
    await expect(invite.getByText('Enter a valid email address.')).toBeVisible();
    await invite.getByLabel('Email').fill('someone.client@talent.test');
    await invite.getByLabel('Full name').fill('Some Client');
    await invite.getByLabel('Role').selectOption('client');
    await invite.getByRole('button', { name: 'Create invitation' }).click();
    await expect(invite.getByTestId('form-status')).toHaveText(
      'A client user belongs to a client account: choose one.',
    );
    await expect(
      page.getByRole('table', { name: 'Open invitations' }).getByText('someone.client@talent.test'),
    ).toHaveCount(0);

    await page.goto('/admin/clients');
    const client = page.getByRole('form', { name: 'New client account' });
    await client.getByRole('button', { name: 'Create account' }).click();
    await expect(client.getByText('Enter a name.')).toBeVisible();
    await client.getByLabel('Real name').fill('Another Talent');
    await client.getByLabel('Codename').fill('Client Vega');
    await client.getByRole('button', { name: 'Create account' }).click();
    await expect(client.getByTestId('form-status')).toHaveText('That codename is already in use.');

    await page.goto('/admin/projects');
    const project = page.getByRole('form', { name: 'New project' });
    await project.getByLabel('Codename').fill('Aurora');
    await project.getByRole('button', { name: 'Create project' }).click();
    await expect(project.getByTestId('form-status')).toHaveText('That codename is already in use.');
    await project.getByLabel('Codename').fill('<script>x</script>');
    await project.getByRole('button', { name: 'Create project' }).click();
    await expect(project.getByText('Letters, digits, spaces, dots, dashes only.')).toBeVisible();
    await expect(page.getByRole('table', { name: 'Projects' }).getByRole('link')).toHaveCount(2);

    await page.goto('/admin/ndas');
    const version = page.getByRole('form', { name: 'New agreement version' });
    await version.getByLabel('Agreement title').fill('Short');
    await version.getByLabel('Full text').fill('too short');
    await version.getByRole('button', { name: 'Record version' }).click();
    await expect(version.getByText('Paste the full agreement text.')).toBeVisible();
    // Signatures are no longer recorded by the admin (issue 12): NDAs are sent, and an expiry must be ahead.
    const send = page.getByRole('form', { name: 'Send an NDA' });
    await send.getByLabel('Expires on (optional)').fill('2000-01-01');
    await send.getByRole('button', { name: 'Send to sign' }).click();
    await expect(send.getByTestId('form-status')).toHaveText('The expiry must be in the future.');

    await page.goto('/admin/projects');
    await page.getByRole('link', { name: 'Aurora', exact: true }).click();
    const grant = page.getByRole('form', { name: 'Grant access' });
    // Other specs may have granted and revoked Oscar here before (the table lists ended grants too): count them.
    const oscarRows = page.getByRole('table', { name: 'Members' }).getByText('Oscar Other');
    await expect(page.getByRole('table', { name: 'Members' })).toBeVisible();
    const before = await oscarRows.count();
    await grant.getByLabel('Person').selectOption({ label: 'Oscar Other (Staff)' });
    await grant.getByRole('button', { name: 'Grant access' }).click();
    await expect(grant.getByTestId('form-status')).toHaveText('Choose at least one scope for a member.');
    await expect(oscarRows).toHaveCount(before);
  } finally {
    await admin.context.close();
  }
});
