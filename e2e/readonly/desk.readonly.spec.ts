import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { demoUser, signedInContext } from '../helpers';

/*
 * Issue 16 point 3: the first page of admins, leads and clients starts with their desk, each entry leading to where
 * it is done; a lead sees who is on their project. Point 4: on a phone (390 px) the desk, the members page and the
 * admin's lists are cards, and no page is wider than the screen.
 */

const PHONE = { width: 390, height: 844 };

async function pageWidth(page: Page) {
  return page.evaluate(() => document.documentElement.scrollWidth);
}

async function deskLinks(page: Page) {
  const desk = page.getByRole('region', { name: 'Your desk' });
  await expect(desk).toBeVisible();
  return desk.getByRole('link').evaluateAll((as) => as.map((a) => new URL((a as HTMLAnchorElement).href).pathname));
}

test('an admin’s first page is the desk, and each of its links opens the page where the work is done', async ({
  browser,
}) => {
  const { context, page } = await signedInContext(browser, demoUser('ada'));
  try {
    await page.goto('/');
    // The desk comes before the projects.
    const headings = await page.locator('main h1, main h2').allInnerTexts();
    expect(headings.indexOf('Your desk')).toBeLessThan(headings.indexOf('Your projects'));
    const desk = page.getByRole('region', { name: 'Your desk' });
    // Each card's count is at least what it lists (the desk's own heading, "Your desk", has no count).
    for (const title of (await desk.getByRole('heading', { level: 2 }).allInnerTexts()).filter(
      (t) => t !== 'Your desk',
    )) {
      const count = Number(/\((\d+)\)$/.exec(title)?.[1] ?? 'NaN');
      expect(count, title).toBeGreaterThan(0);
    }
    const links = await deskLinks(page);
    if (links.length === 0) await expect(desk.getByTestId('desk-empty')).toBeVisible();
    // With SCREENSHOT_DIR set, the admin's desk is saved beside the README's pictures (the demo world's admin desk is
    // empty until something waits: the README shows a lead's, below).
    if (process.env.SCREENSHOT_DIR) {
      await page.setViewportSize({ width: 1280, height: 800 });
      await page.screenshot({ path: `${process.env.SCREENSHOT_DIR}/desk-admin.png`, fullPage: false });
    }
    for (const path of new Set(links)) {
      const answer = await page.goto(path);
      expect(answer?.status(), path).toBe(200);
      expect(path).toMatch(/^\/(admin\/|projects\/[0-9a-f-]+\/review$)/);
    }
  } finally {
    await context.close();
  }
});

test('a lead’s desk leads to their project’s members, with scopes and expiry; the client’s name stays off the page', async ({
  browser,
}) => {
  // Two page loads at two sizes and an axe run: over a minute on a loaded machine (it timed out at 60 s in axe).
  test.slow();
  const { context, page } = await signedInContext(browser, demoUser('sam'));
  try {
    await page.goto('/');
    const desk = page.getByRole('region', { name: 'Your desk' });
    const led = desk.getByRole('list', { name: 'Projects you lead' });
    await expect(led).toBeVisible();
    // `npm run test:e2e` with SCREENSHOT_DIR=docs refreshes the README's picture of the desk (a lead's).
    if (process.env.SCREENSHOT_DIR)
      await page.screenshot({ path: `${process.env.SCREENSHOT_DIR}/desk.png`, fullPage: false });
    await led.getByRole('link', { name: /^Aurora: \d+ members?$/ }).click();
    await expect(page.getByRole('heading', { name: 'Members of Aurora', level: 1 })).toBeVisible();
    const members = page.getByRole('table', { name: 'Current members' });
    const finn = members.getByRole('row').filter({ hasText: 'Finn Finance' });
    await expect(finn).toHaveCount(1);
    await expect(finn).toContainText('Deal terms');
    await expect(members.getByRole('row').filter({ hasText: 'Sam Lead' })).toContainText('Everything (lead)');
    const cora = members.getByRole('row').filter({ hasText: 'Cora Editor' });
    await expect(cora).toHaveCount(1);
    await expect(cora.getByRole('cell').nth(5)).not.toHaveText('No expiry');
    await expect(page.locator('main')).not.toContainText('Nova Reyes');
    const membersPath = new URL(page.url()).pathname;
    expect(membersPath).toMatch(/^\/projects\/[0-9a-f-]+\/members$/);

    // The project page links to it for its lead.
    await page.goto(membersPath.replace(/\/members$/, ''));
    await expect(
      page.getByRole('navigation', { name: 'Permissions' }).getByRole('link', { name: 'Members' }),
    ).toHaveAttribute('href', membersPath);

    // On a phone: one card per member, each value under its column's name, nothing wider than the screen.
    await page.setViewportSize(PHONE);
    await page.goto(membersPath);
    expect(await pageWidth(page)).toBeLessThanOrEqual(PHONE.width);
    const until = members.getByRole('row').filter({ hasText: 'Cora Editor' }).locator('td[data-label="Until"]');
    await expect(until).toBeVisible();
    expect(await until.evaluate((td) => getComputedStyle(td).display)).toBe('block');
    expect((await new AxeBuilder({ page }).analyze()).violations.map((v) => v.id)).toEqual([]);
    if (process.env.SCREENSHOT_DIR)
      await page.screenshot({ path: `${process.env.SCREENSHOT_DIR}/phone-members.png`, fullPage: false });

    // Someone on the project who does not lead it, and the owning client: not found, as for a missing page.
    for (const key of ['finn', 'cora', 'nova', 'ada']) {
      const other = await signedInContext(browser, demoUser(key));
      try {
        const answer = await other.page.goto(membersPath);
        expect(answer?.status(), key).toBe(404);
      } finally {
        await other.context.close();
      }
    }
  } finally {
    await context.close();
  }
});

test('someone who neither administers nor leads has no desk; a client’s desk says what waits for their decision', async ({
  browser,
}) => {
  const finn = await signedInContext(browser, demoUser('finn'));
  try {
    await finn.page.goto('/');
    await expect(finn.page.getByRole('heading', { name: 'Your projects' })).toBeVisible();
    await expect(finn.page.getByRole('region', { name: 'Your desk' })).toHaveCount(0);
  } finally {
    await finn.context.close();
  }
  const nova = await signedInContext(browser, demoUser('nova'));
  try {
    await nova.page.goto('/');
    for (const path of await deskLinks(nova.page)) expect(path).toBe('/client');
  } finally {
    await nova.context.close();
  }
});

test('on a phone the admin’s lists are cards and no page is wider than the screen', async ({ browser }) => {
  const { context, page } = await signedInContext(browser, demoUser('ada'));
  try {
    await page.setViewportSize(PHONE);
    await page.goto('/admin/projects');
    const access = await page.locator('main a[href^="/admin/projects/"]').first().getAttribute('href');
    const paths = [
      '/',
      '/admin/users',
      '/admin/clients',
      '/admin/ndas',
      '/admin/audit',
      '/admin/requests',
      '/admin/projects',
      access!,
    ];
    for (const path of paths) {
      await page.goto(path);
      expect(await pageWidth(page), path).toBeLessThanOrEqual(PHONE.width);
      const cells = page.locator('main [role="region"] tbody td[data-label]');
      if ((await cells.count()) > 0)
        expect(await cells.first().evaluate((td) => getComputedStyle(td).display), path).toBe('block');
    }
    if (process.env.SCREENSHOT_DIR) {
      await page.goto(access!);
      await page.screenshot({ path: `${process.env.SCREENSHOT_DIR}/phone-admin-project.png`, fullPage: false });
    }
  } finally {
    await context.close();
  }
});
