import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { demoUser, ITEM_PATH, linkPaths, NOVA, signedInContext } from '../helpers';

/*
 * Issue 16, point 2: the growing lists are searched, sorted and paged in the URL. Mutating: Sam's reads add audit
 * events (so the log has pages to turn) and the CSV export is itself audited.
 */

test('people are searched by what the page shows: a client by codename, never by real name', async ({ browser }) => {
  const ada = await signedInContext(browser, demoUser('ada'));
  try {
    await ada.page.goto('/admin/users');
    const search = ada.page.getByRole('search', { name: 'Search people' });
    await search.getByLabel('Search people').fill('sam');
    await search.getByRole('button', { name: 'Search' }).click();
    await expect(ada.page).toHaveURL(/\/admin\/users\?.*q=sam/);
    const accounts = ada.page.getByRole('table', { name: 'Accounts' });
    await expect(accounts.getByRole('row')).toHaveCount(2); // the header and Sam
    await expect(accounts).toContainText('sam.lead@mmgroup.test');

    // A client's real name finds nothing; their codename finds them (without their email).
    await search.getByLabel('Search people').fill(NOVA);
    await search.getByRole('button', { name: 'Search' }).click();
    await expect(ada.page.getByText('Nothing matches.')).toBeVisible();
    await search.getByLabel('Search people').fill('vega');
    await search.getByRole('button', { name: 'Search' }).click();
    await expect(accounts.getByRole('row')).toHaveCount(2);
    await expect(accounts).toContainText('Client Vega (client)');
    await expect(accounts).not.toContainText('nova@talent.test');

    // Sorted by email: descending is ascending reversed; the state is in the URL, so the back button returns to it.
    await search.getByLabel('Search people').fill('mmgroup.test');
    await search.getByLabel('Sort by').selectOption('email');
    await search.getByLabel('Order').selectOption('asc');
    await search.getByRole('button', { name: 'Search' }).click();
    await expect(ada.page).toHaveURL(/sort=email.*dir=asc|dir=asc.*sort=email/);
    const emailCells = accounts.getByRole('row').locator('td:nth-child(2)');
    await expect(emailCells.first()).toContainText('@mmgroup.test');
    const ascending = await emailCells.allInnerTexts();
    expect(ascending.length).toBeGreaterThanOrEqual(4);
    await search.getByLabel('Order').selectOption('desc');
    await search.getByRole('button', { name: 'Search' }).click();
    await expect(ada.page).toHaveURL(/dir=desc/);
    await expect.poll(() => emailCells.allInnerTexts()).toEqual([...ascending].reverse());
    await ada.page.goBack();
    await expect(ada.page).toHaveURL(/dir=asc/);
    await expect.poll(() => emailCells.allInnerTexts()).toEqual(ascending);
  } finally {
    await ada.context.close();
  }
});

test('the audit log pages forward and back, filters by action and exports the filtered CSV', async ({ browser }) => {
  const sam = await signedInContext(browser, demoUser('sam'));
  const ada = await signedInContext(browser, demoUser('ada'));
  try {
    // Sam reads Aurora's items: each read is an audited `item.read` (enough for more than one page of 50).
    await sam.page.getByRole('heading', { name: 'Aurora' }).click();
    // The click navigates: wait for the project page before reading its links (else the home page has none).
    await sam.page.waitForURL((url) => url.pathname.startsWith('/projects/'));
    await expect(sam.page.locator('main a[href^="/items/"]').first()).toBeVisible();
    const items = await linkPaths(sam.page, ITEM_PATH);
    expect(items.length).toBeGreaterThan(3);
    for (let round = 0; round < Math.ceil(60 / items.length); round++) {
      for (const path of items) expect((await sam.page.request.get(path)).status()).toBe(200);
    }

    await ada.page.goto('/admin/audit');
    const filters = ada.page.getByRole('search', { name: 'Filter the audit log' });
    await filters.getByLabel('Action').selectOption('item.read');
    await filters.getByLabel('Outcome').selectOption('allowed');
    await filters.getByRole('button', { name: 'Filter' }).click();
    await expect(ada.page).toHaveURL(/action=item\.read/);
    const events = ada.page.getByRole('table', { name: 'Audit events' });
    const rows = events.getByRole('row');
    await expect(rows).toHaveCount(51); // the header and a full page
    const actions = await rows.locator('td:nth-child(3)').allInnerTexts();
    expect(new Set(actions)).toEqual(new Set(['item.read']));
    const firstPage = await rows.allInnerTexts();

    const pages = ada.page.getByRole('navigation', { name: 'Audit log pages' });
    await pages.getByRole('link', { name: 'Next →' }).click();
    await expect(ada.page).toHaveURL(/after=/);
    await expect(ada.page).toHaveURL(/action=item\.read/);
    await expect.poll(async () => (await rows.allInnerTexts())[1]).not.toEqual(firstPage[1]);
    expect(new Set(await rows.locator('td:nth-child(3)').allInnerTexts())).toEqual(new Set(['item.read']));
    await pages.getByRole('link', { name: '← Previous' }).click();
    await expect(ada.page).toHaveURL(/before=/);
    await expect.poll(() => rows.allInnerTexts()).toEqual(firstPage);

    // The CSV of the filtered log: every matching event (not only this page), formula characters neutralised.
    const [download] = await Promise.all([
      ada.page.waitForEvent('download'),
      ada.page.getByRole('link', { name: 'Export CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^audit-log-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = readFileSync((await download.path())!, 'utf8');
    const lines = csv.trim().split('\r\n');
    expect(lines[0]).toBe('id,time (UTC),actor,action,target,project,outcome,reason,ip,what happened');
    expect(lines.length).toBeGreaterThan(60);
    for (const line of lines.slice(1)) expect(line).toMatch(/,item\.read,.*,allowed,/);
    expect(csv).toContain('Sam Lead');
  } finally {
    await sam.context.close();
    await ada.context.close();
  }
});
