import { expect, test } from '@playwright/test';
import { DEMO_USERS, demoUser, MISSING_PROJECT_PATH, signedInContext } from '../helpers';
import { readMail } from '../privacy';

/*
 * Issue 16 points 3 and 4: invitations are emailed (the link shown only as a fallback), the admin people page
 * shows no client's email, a skip link, one <main> per page, a favicon, a way back from sign-in, named action
 * columns and focusable table scroll regions, a cookie banner that covers no form control, and a header that
 * stays on one line on a laptop and folds behind a Menu button on a phone.
 */
test.describe.configure({ mode: 'serial' });

const CLIENT_EMAILS = DEMO_USERS.filter((u) => u.roleLabel === 'Client').map((u) => u.email);

test('an invitation is emailed through the outbox; the link is only a fallback', async ({ browser }) => {
  const ada = await signedInContext(browser, demoUser('ada'));
  try {
    await ada.page.goto('/admin/users');
    const invite = ada.page.getByRole('form', { name: 'Invite someone' });
    await invite.getByLabel('Email').fill('iris.mail@mmgroup.test');
    await invite.getByLabel('Full name').fill('Iris Mail');
    await invite.getByRole('button', { name: 'Create invitation' }).click();
    await expect(invite.getByTestId('form-status')).toHaveText(
      'Invitation emailed to iris.mail@mmgroup.test. It works once and expires in 7 days.',
    );
    await expect(invite.getByTestId('invitation-link')).toBeHidden();
    await invite.getByText('If the email does not arrive').click();
    const link = (await invite.getByTestId('invitation-link').textContent()) ?? '';
    expect(link).toMatch(/\/invite\/[\w-]+$/);

    const mail = await readMail(ada.page, 'iris.mail@mmgroup.test', /Your invitation to Clearance/);
    expect(mail).toContain('Hello Iris Mail');
    expect(mail).toContain(new URL(link).pathname);
  } finally {
    await ada.context.close();
  }
});

test('the people page shows clients by codename without their email; the table scrolls in a named, focusable region', async ({
  browser,
}) => {
  const ada = await signedInContext(browser, demoUser('ada'));
  try {
    await ada.page.goto('/admin/users');
    const accounts = ada.page.getByRole('table', { name: 'Accounts' });
    await expect(accounts).toContainText('ada.admin@mmgroup.test');
    for (const email of CLIENT_EMAILS) await expect(accounts).not.toContainText(email);
    await expect(accounts.getByRole('columnheader', { name: 'Actions' })).toHaveCount(1);
    const region = ada.page.getByRole('region', { name: 'Accounts' });
    await expect(region).toHaveAttribute('tabindex', '0');
  } finally {
    await ada.context.close();
  }
});

test('a skip link, one main landmark on the signed-in 404, a favicon and a way back from sign-in', async ({
  browser,
}) => {
  const ada = await signedInContext(browser, demoUser('ada'));
  try {
    await ada.page.goto('/admin/users');
    await ada.page.keyboard.press('Tab');
    const skip = ada.page.getByRole('link', { name: 'Skip to content' });
    await expect(skip).toBeFocused();
    await expect(skip).toBeVisible();
    await ada.page.keyboard.press('Enter');
    await expect(ada.page).toHaveURL(/#main$/);

    const missing = await ada.page.goto(MISSING_PROJECT_PATH);
    expect(missing?.status()).toBe(404);
    await expect(ada.page.getByRole('heading', { name: 'Not found' })).toBeVisible();
    await expect(ada.page.locator('main')).toHaveCount(1);

    const icon = await ada.page.locator('head link[rel="icon"]').first().getAttribute('href');
    expect(icon).toBeTruthy();
    const answer = await ada.page.request.get(icon!);
    expect(answer.status()).toBe(200);
  } finally {
    await ada.context.close();
  }
  const guest = await browser.newContext();
  try {
    const page = await guest.newPage();
    await page.goto('/sign-in');
    await page.getByRole('link', { name: /public pages/ }).click();
    await expect(page).toHaveURL(/\/portfolio$/);
  } finally {
    await guest.close();
  }
});

test('the cookie banner covers none of the request form’s controls at 1280×800', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  try {
    const page = await context.newPage();
    await page.goto('/privacy/request');
    const banner = page.getByRole('dialog', { name: 'Cookies on this site' });
    await expect(banner).toBeVisible();
    const form = page.getByRole('form', { name: 'Privacy request' });
    for (const control of [form.getByLabel('Details (optional)'), form.getByRole('button', { name: 'Send request' })]) {
      // Focus scrolls a control into view, keeping clear of the banner (it reserves its height).
      await control.focus();
      const box = (await control.boundingBox())!;
      const bannerTop = (await banner.boundingBox())!.y;
      expect(box.y).toBeGreaterThanOrEqual(0);
      expect(box.y + box.height, 'the control ends above the banner').toBeLessThanOrEqual(bannerTop);
    }
    // And it is reachable: clicked where it is, not through the banner.
    await form.getByRole('button', { name: 'Send request' }).click({ trial: true });
  } finally {
    await context.close();
  }
});

test('the admin header is one line on a laptop; on a phone the navigation folds behind Menu', async ({ browser }) => {
  const ada = await signedInContext(browser, demoUser('ada'));
  try {
    const page = ada.page;
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto('/admin/users');
    const header = page.locator('header').first();
    expect((await header.boundingBox())!.height).toBeLessThan(80);
    const nav = page.getByRole('navigation', { name: 'Main' });
    await expect(nav.getByRole('link', { name: 'Jobs' })).toBeHidden();
    await nav.getByRole('button', { name: 'Administration' }).click();
    await nav.getByRole('link', { name: 'Jobs' }).click();
    await expect(page).toHaveURL(/\/admin\/jobs$/);

    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto('/admin/users');
    expect((await header.boundingBox())!.height).toBeLessThan(80);
    await expect(nav.getByRole('link', { name: 'People' })).toBeHidden();
    const menu = nav.getByRole('button', { name: 'Menu' });
    await expect(menu).toHaveAttribute('aria-expanded', 'false');
    await menu.click();
    await expect(menu).toHaveAttribute('aria-expanded', 'true');
    await expect(nav.getByRole('link', { name: 'People' })).toBeVisible();
    await expect(nav.getByRole('link', { name: 'Account' })).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(nav.getByRole('link', { name: 'People' })).toBeHidden();
    await menu.click();
    await nav.getByRole('link', { name: 'Clients' }).click();
    await expect(page).toHaveURL(/\/admin\/clients$/);
    await expect(nav.getByRole('link', { name: 'People' })).toBeHidden();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  } finally {
    await ada.context.close();
  }
});
