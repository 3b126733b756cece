import { expect, test } from '@playwright/test';
import { demoUser, PROJECT_PATH, linkPaths, signedInContext } from '../helpers';

/** The signed-in header, and signing out: the session ends on the server, not just in the browser. */

test.describe('the signed-in header', () => {
  for (const key of ['sam', 'cora', 'nova', 'ada']) {
    const user = demoUser(key);
    test(`${user.key} sees their name and role`, async ({ browser }) => {
      const { context, page } = await signedInContext(browser, user);
      try {
        const who = page.getByTestId('signed-in-user');
        await expect(who).toContainText(user.name);
        await expect(who).toContainText(user.roleLabel);
        await expect(page.getByRole('button', { name: 'Sign out', exact: true })).toBeVisible();
      } finally {
        await context.close();
      }
    });
  }
});

test('signing out returns to sign-in, and neither the old page nor the old cookie gets back in', async ({
  browser,
}) => {
  const user = demoUser('sam');
  const { context, page } = await signedInContext(browser, user);
  try {
    const [projectPath] = await linkPaths(page, PROJECT_PATH);
    expect(projectPath).toBeDefined();
    await page.goto(projectPath!);
    await expect(page.getByTestId('signed-in-user')).toContainText(user.name);
    // The session cookie as it was while signed in.
    const oldState = await context.storageState();

    await page.getByRole('button', { name: 'Sign out', exact: true }).click();
    await page.waitForURL((url) => url.pathname === '/sign-in');
    await expect(page.getByRole('button', { name: 'Sign in', exact: true })).toBeVisible();

    // The old page now sends the browser to sign in.
    await page.goto(projectPath!);
    await page.waitForURL((url) => url.pathname === '/sign-in');
    // Back to the signed-in page: not served from the browser's cache (no-store), it loads again and lands on
    // sign in. Let that settle before reloading, or the reload races the redirect.
    await page.goBack();
    await page.waitForURL((url) => url.pathname === '/sign-in');
    await page.waitForLoadState('networkidle');
    await expect(page.getByTestId('signed-in-user')).toHaveCount(0);
    await page.reload();
    await page.waitForURL((url) => url.pathname === '/sign-in');
    await page.goto('/');
    await page.waitForURL((url) => url.pathname === '/sign-in');

    // Replaying the old session cookie does not help: the session was revoked on the server.
    const replay = await browser.newContext({ storageState: oldState });
    try {
      const replayPage = await replay.newPage();
      await replayPage.goto(projectPath!);
      await replayPage.waitForURL((url) => url.pathname === '/sign-in');
      await expect(replayPage.getByTestId('signed-in-user')).toHaveCount(0);
    } finally {
      await replay.close();
    }
  } finally {
    await context.close();
  }
});
