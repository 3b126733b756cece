import { expect, test } from '@playwright/test';
import { demoUser, signedInContext } from '../helpers';

/* Issue 16 point 3: an administrator's first page starts with their desk; each entry leads to where it is done. */

test('an admin’s first page is the desk, and each of its links opens the page where the work is done', async ({ browser }) => {
  const { context, page } = await signedInContext(browser, demoUser('ada'));
  try {
    await page.goto('/');
    const desk = page.getByRole('region', { name: 'Your desk' });
    await expect(desk).toBeVisible();
    // The desk comes before the projects.
    const headings = await page.locator('main h1, main h2').allInnerTexts();
    expect(headings.indexOf('Your desk')).toBeLessThan(headings.indexOf('Your projects'));
    const links = await desk.getByRole('link').evaluateAll((as) => as.map((a) => new URL((a as HTMLAnchorElement).href).pathname));
    if (links.length === 0) await expect(desk.getByTestId('desk-empty')).toBeVisible();
    for (const path of new Set(links)) {
      const answer = await page.goto(path);
      expect(answer?.status(), path).toBe(200);
      expect(path).toMatch(/^\/admin\//);
    }
  } finally {
    await context.close();
  }
});

test('someone who administers nothing has no desk', async ({ browser }) => {
  const { context, page } = await signedInContext(browser, demoUser('sam'));
  try {
    await page.goto('/');
    await expect(page.getByRole('heading', { name: 'Your projects' })).toBeVisible();
    await expect(page.getByRole('region', { name: 'Your desk' })).toHaveCount(0);
  } finally {
    await context.close();
  }
});
