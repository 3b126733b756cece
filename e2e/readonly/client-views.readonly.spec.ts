import { expect, test } from '@playwright/test';
import { canariesIn, demoUser, gatherWorld, KAI, NOVA, signedInContext, visit, type World } from '../helpers';

/*
 * Issue 4, the reading side: a client sees their engagements with real names (flow 1), who can see their data
 * (flow 2) and who did, filtered and exported (flow 3); staff see the authorization status; an admin asks why
 * someone can or cannot read an item. Nothing here changes the demo world (reads are audited, by design).
 */

let world: World;
test.beforeAll(async ({ browser }) => {
  world = await gatherWorld(browser, ['Aurora']);
});

test('flow 1: clients see their engagements, with the real names they may know', async ({ browser }) => {
  for (const [key, project, names] of [
    ['nova', 'Aurora', 'Nova Reyes × Lumen Cosmetics'],
    ['brian', 'Aurora', 'Nova Reyes × Lumen Cosmetics'],
    ['kai', 'Borealis', KAI],
  ] as const) {
    const { context, page } = await signedInContext(browser, demoUser(key));
    try {
      await page.goto('/');
      const card = page
        .locator('a[href^="/projects/"]')
        .filter({ has: page.getByRole('heading', { name: project, exact: true }) });
      await expect(card).toContainText(names);
      await card.click();
      await expect(page.getByRole('heading', { level: 1, name: project })).toBeVisible();
      // The owner manages permissions from the project; the counterparty does not.
      await expect(
        page.getByRole('navigation', { name: 'Permissions' }).getByRole('link', { name: 'Who can see it' }),
      ).toHaveCount(key === 'brian' ? 0 : 1);
    } finally {
      await context.close();
    }
  }
});

test('flow 2: Nova sees everyone with access to Aurora, their scopes, dates and NDA, and each allowlist', async ({
  browser,
}) => {
  const nova = await signedInContext(browser, demoUser('nova'));
  const brian = await signedInContext(browser, demoUser('brian'));
  try {
    await nova.page.goto(world.projects.Aurora);
    await nova.page.getByRole('link', { name: 'Who can see it' }).click();
    await expect(nova.page.getByRole('heading', { level: 1, name: 'Who can see Aurora' })).toBeVisible();
    const people = nova.page.getByRole('table', { name: 'People with access' });
    await expect(people.getByRole('row', { name: /Sam Lead Staff lead Everything \(lead\)/ })).toContainText(
      'Staff confidentiality agreement v1, all clients',
    );
    await expect(people.getByRole('row', { name: /Finn Finance Staff member Deal terms/ })).toBeVisible();
    await expect(people.getByRole('row', { name: /Cora Editor Contractor member Creative/ })).toContainText(
      'Contractor NDA v1, for this client',
    );
    // Aurora has two high-risk logistics items (the itinerary, and Nova's passport scan since docs/product.md §9.1):
    // the first is the itinerary.
    const allowlist = nova.page.getByRole('table', { name: /^Allowlist of Logistics item #\d+$/ }).first();
    await expect(allowlist.getByRole('row', { name: /Sam Lead/ })).toContainText('active');
    const v = await visit(nova.page, new URL(nova.page.url()).pathname);
    expect(canariesIn(v.content), 'item titles are content: references only').toEqual([]);

    // The counterparty and staff answer 404, like a page that does not exist.
    const peoplePath = `${world.projects.Aurora}/people`;
    expect((await visit(brian.page, peoplePath)).status).toBe(404);
  } finally {
    await Promise.all([nova.context.close(), brian.context.close()]);
  }
});

test('flow 3: Nova sees who read her items, filters by person and date, and exports CSV', async ({ browser }) => {
  const sam = await signedInContext(browser, demoUser('sam'));
  const nova = await signedInContext(browser, demoUser('nova'));
  try {
    expect((await visit(sam.page, world.items['AURORA-SHOOT-SCHEDULE'])).status).toBe(200);
    await nova.page.goto('/client/history');
    const filter = nova.page.getByRole('form', { name: 'Filter the history' });
    await filter.getByLabel('Person').selectOption({ label: 'Sam Lead (Staff)' });
    const today = new Date().toISOString().slice(0, 10);
    await filter.getByLabel('From').fill(today);
    await filter.getByLabel('To').fill(today);
    await filter.getByRole('button', { name: 'Filter' }).click();
    await expect(nova.page).toHaveURL(/personId=/);
    const table = nova.page.getByRole('table', { name: 'Access history' });
    await expect(
      table.getByRole('row', { name: /Aurora Sam Lead \(Staff\) Read Logistics item #\d+ allowed/ }).first(),
    ).toBeVisible();
    await expect(table.getByRole('row').filter({ hasNotText: 'Sam Lead' }).filter({ hasText: 'Read' })).toHaveCount(0);
    const page = await visit(nova.page, new URL(nova.page.url()).pathname + new URL(nova.page.url()).search);
    expect(canariesIn(page.content)).toEqual([]);
    expect(page.content.includes(KAI)).toBe(false);

    const href = await nova.page.getByRole('link', { name: 'Export CSV' }).getAttribute('href');
    const csv = await nova.page.request.get(href!);
    expect(csv.status()).toBe(200);
    expect(csv.headers()['content-type']).toContain('text/csv');
    const body = await csv.text();
    expect(body.split('\r\n')[0]).toBe(
      'time (UTC),project,person,action,item or person concerned,outcome,reason,what happened',
    );
    expect(body).toMatch(/Aurora,Sam Lead \(Staff\),Read,Logistics item #\d+,allowed/);
    expect(canariesIn(body)).toEqual([]);
    // Someone else's export is nothing: staff get 404.
    expect((await sam.page.request.get('/client/history/export')).status()).toBe(404);
  } finally {
    await Promise.all([sam.context.close(), nova.context.close()]);
  }
});

test('staff see the authorization status; only identity-scoped people read the texts', async ({ browser }) => {
  const finn = await signedInContext(browser, demoUser('finn'));
  const sam = await signedInContext(browser, demoUser('sam'));
  try {
    await finn.page.goto(world.projects.Aurora);
    await expect(finn.page.getByTestId('public-use-status')).toHaveText('Public use: Portfolio use');
    await finn.page.getByRole('link', { name: 'Authorizations' }).click();
    const status = finn.page.getByRole('table', { name: 'Authorization status' });
    await expect(status.getByRole('row', { name: /Portfolio use in force/ })).toBeVisible();
    await expect(finn.page.getByTestId('request-blocked')).toContainText('Only the project lead');
    const v = await visit(finn.page, new URL(finn.page.url()).pathname);
    expect(v.content.includes(NOVA)).toBe(false);
    expect(canariesIn(v.content)).toEqual([]);

    await sam.page.goto(`${world.projects.Aurora}/authorizations`);
    await expect(sam.page.getByRole('table', { name: 'Signed records' })).toContainText('Nova Reyes × Lumen');
    await expect(sam.page.getByRole('form', { name: 'Request an authorization' })).toBeVisible();
  } finally {
    await Promise.all([finn.context.close(), sam.context.close()]);
  }
});

test('explain access: the admin sees which docs/product.md §4 rule decided and what is missing, by reference', async ({
  browser,
}) => {
  const { context, page } = await signedInContext(browser, demoUser('ada'));
  try {
    await page.goto('/admin/projects');
    await page.getByRole('link', { name: 'Aurora', exact: true }).click();
    const form = page.getByRole('form', { name: 'Explain access' });
    await form.getByLabel('Item').selectOption({
      label: (
        await form
          .getByLabel('Item')
          .locator('option', { hasText: /^Logistics item #\d+ \(high-risk\)$/ })
          .first()
          .innerText()
      ).trim(),
    });
    await form.getByLabel('Person').selectOption({ label: 'Cora Editor' });
    await form.getByRole('button', { name: 'Explain' }).click();
    const explanation = page.getByTestId('explanation');
    await expect(explanation).toContainText(/Cora Editor cannot read Logistics item #\d+/);
    await expect(explanation).toContainText('Row 1');
    await expect(page.getByTestId('missing')).toHaveText('Missing: Scope, High-risk allowlist.');

    await form.getByLabel('Person').selectOption({ label: 'Sam Lead' });
    await form.getByRole('button', { name: 'Explain' }).click();
    await expect(explanation).toContainText(/Sam Lead can read Logistics item #\d+/);
    const v = await visit(page, new URL(page.url()).pathname + new URL(page.url()).search);
    expect(canariesIn(v.content)).toEqual([]);
    expect(v.content.includes(KAI)).toBe(false);
    expect(v.content.includes(NOVA)).toBe(false);
  } finally {
    await context.close();
  }
});
