import { expect, test } from '@playwright/test';
import {
  canariesIn,
  CLIENT_NAMES,
  demoUser,
  gatherWorld,
  KAI,
  MISSING_ITEM_PATH,
  MISSING_PROJECT_PATH,
  PUBLIC_CANARY,
  visit,
  type World,
} from '../helpers';

/** What an anonymous visitor sees: the authorized portfolio, the policy, the sign-in form, and nothing else. */

test.describe('public pages', () => {
  test('/portfolio shows only the authorized summary, never a zero-public-association client', async ({ page }) => {
    const v = await visit(page, '/portfolio');
    expect(v.status).toBe(200);
    await expect(page.getByText(PUBLIC_CANARY)).toBeVisible();
    await expect(page.getByText('Nova Reyes × Lumen', { exact: true })).toBeVisible();
    expect(canariesIn(v.content)).toEqual([PUBLIC_CANARY]);
    expect(v.content.includes(KAI)).toBe(false);
    expect(v.content.includes('Borealis')).toBe(false);
  });

  for (const path of ['/privacy', '/sign-in']) {
    test(`${path} shows no canary and no client name`, async ({ page }) => {
      const v = await visit(page, path);
      expect(v.status).toBe(200);
      expect(canariesIn(v.content)).toEqual([]);
      for (const name of CLIENT_NAMES) expect(v.content.includes(name), `"${name}" on ${path}`).toBe(false);
    });
  }
});

test.describe('the portal, anonymously', () => {
  let world: World;
  test.beforeAll(async ({ browser }) => {
    world = await gatherWorld(browser, ['Aurora']);
  });

  test('the home page, projects and items redirect to sign-in and leak nothing', async ({ page }) => {
    const paths = [
      '/',
      world.projects.Aurora,
      world.items['AURORA-RATE-250K'],
      world.items['AURORA-HR-ITINERARY'],
      world.items['AURORA-CALLNOTES'],
      MISSING_PROJECT_PATH,
      MISSING_ITEM_PATH,
    ];
    for (const path of paths) {
      // The first answer itself, before any redirect is followed.
      const first = await page.request.get(path, { maxRedirects: 0 });
      expect([302, 303, 307, 308], `status of ${path}`).toContain(first.status());
      expect(new URL(first.headers()['location'] ?? '', 'http://localhost').pathname, `redirect of ${path}`).toBe(
        '/sign-in',
      );
      const firstBody = await first.text();
      expect(canariesIn(firstBody), `canaries in the redirect from ${path}`).toEqual([]);

      const v = await visit(page, path);
      expect(v.finalPath, `${path} ends on the sign-in page`).toBe('/sign-in');
      await expect(page.getByRole('button', { name: 'Sign in', exact: true })).toBeVisible();
      expect(canariesIn(v.content), `canaries after visiting ${path}`).toEqual([]);
      for (const name of CLIENT_NAMES) expect(v.content.includes(name), `"${name}" after visiting ${path}`).toBe(false);
    }
  });
});

test.describe('sign-in failures', () => {
  test('a wrong password and an unknown account get the same generic message', async ({ page }) => {
    const attempt = async (email: string) => {
      await page.goto('/sign-in');
      await page.getByLabel('Email', { exact: true }).fill(email);
      await page.getByLabel('Password', { exact: true }).fill('not-the-password-2026');
      await page.getByRole('button', { name: 'Sign in', exact: true }).click();
      const status = page.getByTestId('form-status');
      await expect(status).toContainText('The email or password is incorrect');
      expect(new URL(page.url()).pathname).toBe('/sign-in');
      const html = await page.content();
      expect(canariesIn(html)).toEqual([]);
      return (await status.innerText()).trim();
    };
    const existing = await attempt(demoUser('nina').email);
    const unknown = await attempt('nobody.here@mmgroup.test');
    expect(unknown).toBe(existing);
  });
});
