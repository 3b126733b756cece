import { expect, test, type Page } from '@playwright/test';
import { confirmInDialog } from '../confirm';
import { demoUser, KAI, signedInContext, visit } from '../helpers';

/*
 * Issue 14, creator profiles, as the demo users: Nova makes a field public (with the consent step) and anyone
 * reads it on her public page; she makes it private again and the next request no longer shows it. Brian reads
 * the shortlist Sam proposed to Lumen with Nova's brand-visible fields only, and his view shows in Nova's
 * history. Kai, under zero public association, has no public page.
 */
test.describe.configure({ mode: 'serial' });

const NOVA_PAGE = '/profiles/nova-reyes';
const AUDIENCE = `NOVA-AUDIENCE-E2E-${Date.now()}`;

test('a field made public shows on the public page, and withdrawing it holds on the next request', async ({
  browser,
}) => {
  const { context, page } = await signedInContext(browser, demoUser('nova'));
  const anonymous = await browser.newContext();
  const visitor = await anonymous.newPage();
  try {
    await page.goto('/profile');
    const form = page.getByRole('form', { name: 'Audience figures field' });
    await form.getByLabel('Audience figures', { exact: true }).fill(AUDIENCE);
    await form.getByLabel(/^Public/).check();
    // Widening asks for consent: without the tick nothing changes.
    await form.getByRole('button', { name: 'Save audience figures' }).click();
    await expect(form.getByTestId('form-status')).toHaveText(/Tick the box/);
    expect((await visit(visitor, NOVA_PAGE)).content).not.toContain(AUDIENCE);

    const again = page.getByRole('form', { name: 'Audience figures field' });
    await expect(again.getByLabel('Audience figures', { exact: true })).toHaveValue(AUDIENCE);
    await again.getByLabel(/^Public/).check();
    await again.getByLabel('I agree to show my audience figures to the public.').check();
    await again.getByRole('button', { name: 'Save audience figures' }).click();
    await expect(page.getByRole('list', { name: 'Consent record' })).toContainText(
      'Audience figures: private → public',
    );
    const shown = await visit(visitor, NOVA_PAGE);
    expect(shown.status).toBe(200);
    expect(shown.visibleText).toContain(AUDIENCE);
    expect(shown.content).not.toContain('NOVA-RATES');
    expect(shown.content).not.toContain('NOVA-MEDIA-KIT');

    const withdraw = page.getByRole('form', { name: 'Audience figures field' });
    await withdraw.getByLabel(/^Private/).check();
    await withdraw.getByRole('button', { name: 'Save audience figures' }).click();
    await expect(page.getByRole('list', { name: 'Consent record' })).toContainText(
      'Audience figures: public → private',
    );
    const after = await visit(visitor, NOVA_PAGE);
    expect(after.status).toBe(200);
    expect(after.content).not.toContain(AUDIENCE);
    expect(after.visibleText).toContain('NOVA-PUBLIC-BIO');
  } finally {
    await anonymous.close();
    await context.close();
  }
});

test('the brand sees the shortlist with brand-visible fields only, and the view shows in the creator’s history', async ({
  browser,
}) => {
  const brian = await signedInContext(browser, demoUser('brian'));
  try {
    await brian.page.goto('/shortlists');
    await brian.page.getByRole('link', { name: 'Spring skincare launch' }).click();
    const creators = brian.page.getByRole('list', { name: 'Creators' });
    await expect(creators).toContainText('NOVA-MEDIA-KIT');
    await expect(creators).toContainText('NOVA-PUBLIC-BIO');
    const content = await brian.page.content();
    expect(content).not.toContain('NOVA-RATES');
    expect(content).not.toContain('KAI-PROFILE-BIO');
  } finally {
    await brian.context.close();
  }
  const nova = await signedInContext(browser, demoUser('nova'));
  try {
    await nova.page.goto('/profile');
    await expect(nova.page.getByRole('list', { name: 'Proposals' })).toContainText('Lumen Cosmetics');
    await expect(nova.page.getByRole('list', { name: 'Brand views' })).toContainText(
      'Lumen Cosmetics viewed a shortlist with you on it',
    );
  } finally {
    await nova.context.close();
  }
});

test('Kai has no public profile page: 404 like a missing one, and his profile page says so', async ({ browser }) => {
  const anonymous = await browser.newContext();
  const visitor = await anonymous.newPage();
  try {
    const kai = await visit(visitor, '/profiles/orion');
    const missing = await visit(visitor, '/profiles/no-such-person');
    expect(kai.status).toBe(404);
    expect(kai.visibleText).toBe(missing.visibleText);
    expect(kai.content).not.toContain('KAI-PROFILE-BIO');
    expect(kai.content).not.toContain(KAI);
    await visitor.goto('/portfolio');
    await expect(visitor.locator('main')).not.toContainText(KAI);
  } finally {
    await anonymous.close();
  }
  const { context, page } = await signedInContext(browser, demoUser('kai'));
  try {
    await page.goto('/profile');
    await expect(
      page.getByText('You asked for zero public association, so you have no public profile page.'),
    ).toBeVisible();
  } finally {
    await context.close();
  }
});

/** Sam makes a shortlist for Lumen (Brand Lyra) with Nova on it and proposes it; answers its path. */
async function proposeNova(page: Page, campaign: string): Promise<string> {
  await page.goto('/shortlists');
  const form = page.getByRole('form', { name: 'New shortlist' });
  await form.getByLabel('Brand').selectOption({ label: 'Brand Lyra' });
  await form.getByLabel('Campaign').fill(campaign);
  await form.getByRole('button', { name: 'Create shortlist' }).click();
  await expect(page.getByRole('heading', { name: campaign })).toBeVisible();
  const path = new URL(page.url()).pathname;
  const add = page.getByRole('form', { name: 'Add a creator' });
  await add.getByLabel('Creator').selectOption({ label: 'Nova Reyes' });
  await add.getByRole('button', { name: 'Add', exact: true }).click();
  await expect(page.getByRole('list', { name: 'Creators' })).toContainText('NOVA-MEDIA-KIT');
  await page.getByRole('form', { name: 'Propose to the brand' }).getByRole('button', { name: 'Propose' }).click();
  await expect(page.getByRole('form', { name: 'Withdraw Nova Reyes' })).toBeVisible();
  return path;
}

test('shortlists are withdrawn by the agency, by the creator, or whole: the brand stops seeing them at once', async ({
  browser,
}) => {
  const tag = Date.now().toString(36);
  const sam = await signedInContext(browser, demoUser('sam'));
  const brian = await signedInContext(browser, demoUser('brian'));
  const nova = await signedInContext(browser, demoUser('nova'));
  try {
    // The agency withdraws Nova: the brand's next request no longer shows her; her history says so.
    const first = `Withdrawn by the agency ${tag}`;
    const firstPath = await proposeNova(sam.page, first);
    expect((await visit(brian.page, firstPath)).visibleText).toContain('NOVA-MEDIA-KIT');
    await sam.page.getByRole('form', { name: 'Withdraw Nova Reyes' }).getByRole('button', { name: 'Withdraw' }).click();
    await confirmInDialog(sam.page, 'Withdraw Nova Reyes');
    await expect(sam.page.getByRole('list', { name: 'Creators' })).toContainText('Withdrawn by the agency');
    const afterAgency = await visit(brian.page, firstPath);
    expect(afterAgency.status).toBe(200);
    expect(afterAgency.content).not.toContain('NOVA-MEDIA-KIT');
    expect(afterAgency.content).not.toContain('NOVA-PUBLIC-BIO');
    await nova.page.goto('/profile');
    await expect(
      nova.page.getByRole('list', { name: 'Proposals' }).getByRole('listitem').filter({ hasText: first }),
    ).toContainText('Withdrawn by the agency');

    // The whole shortlist withdrawn: the brand no longer finds it.
    await sam.page
      .getByRole('form', { name: 'Withdraw the shortlist' })
      .getByRole('button', { name: 'Withdraw the shortlist' })
      .click();
    await confirmInDialog(sam.page, 'Withdraw the shortlist');
    await expect(sam.page.getByText(/^Withdrawn \d/)).toBeVisible();
    expect((await visit(brian.page, firstPath)).status).toBe(404);
    await brian.page.goto('/shortlists');
    await expect(brian.page.locator('main')).not.toContainText(first);

    // Nova withdraws herself from another: the brand stops seeing her; the agency sees who withdrew.
    const second = `Withdrawn by the creator ${tag}`;
    const secondPath = await proposeNova(sam.page, second);
    expect((await visit(brian.page, secondPath)).visibleText).toContain('NOVA-MEDIA-KIT');
    await nova.page.goto('/profile');
    await nova.page
      .getByRole('form', { name: `Withdraw me from “${second}” for Lumen Cosmetics` })
      .getByRole('button', { name: 'Withdraw me' })
      .click();
    await confirmInDialog(nova.page, 'Withdraw me');
    await expect(
      nova.page.getByRole('list', { name: 'Proposals' }).getByRole('listitem').filter({ hasText: second }),
    ).toContainText('Withdrawn by you');
    const afterCreator = await visit(brian.page, secondPath);
    expect(afterCreator.status).toBe(200);
    expect(afterCreator.content).not.toContain('NOVA-MEDIA-KIT');
    await sam.page.reload();
    await expect(sam.page.getByRole('list', { name: 'Creators' })).toContainText('Withdrawn by the creator');
  } finally {
    await sam.context.close();
    await brian.context.close();
    await nova.context.close();
  }
});
