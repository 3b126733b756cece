import { expect, test, type Browser, type Page } from '@playwright/test';
import { demoUser, signedInContext, signIn, withFreshTotpCode } from '../helpers';

/*
 * Accounts and sessions: two-factor set up on the account page (wrong codes refused, recovery codes work
 * once), sign-in throttling, password reset through the emailed link, "sign out everywhere" and a password
 * change ending the other sessions. The people are invited here, so the demo accounts stay as they were.
 */
test.describe.configure({ mode: 'serial' });

const PASSWORD = 'contractor-pass-2026';
const PEOPLE = {
  tess: { email: 'tess.twofactor@contractor.test', name: 'Tess Twofactor' },
  cody: { email: 'cody.change@contractor.test', name: 'Cody Change' },
  rita: { email: 'rita.reset@contractor.test', name: 'Rita Reset' },
} as const;

/** Invites a contractor as ada.admin and accepts the invitation with PASSWORD. */
async function invite(browser: Browser, adminPage: Page, person: { email: string; name: string }) {
  await adminPage.goto('/admin/users');
  const form = adminPage.getByRole('form', { name: 'Invite someone' });
  await form.getByLabel('Email').fill(person.email);
  await form.getByLabel('Full name').fill(person.name);
  await form.getByLabel('Role').selectOption('contractor');
  await form.getByRole('button', { name: 'Create invitation' }).click();
  const link = (await form.getByTestId('invitation-link').textContent()) ?? '';
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(new URL(link).pathname);
    const accept = page.getByRole('form', { name: 'Accept invitation' });
    await accept.getByLabel('New password').fill(PASSWORD);
    await accept.getByLabel('Confirm password').fill(PASSWORD);
    await accept.getByLabel('I confirm I am 18 or older').check();
    await accept.getByRole('button', { name: 'Create my account' }).click();
    await expect(page.getByText('Your account is ready')).toBeVisible();
  } finally {
    await context.close();
  }
}

async function signedIn(browser: Browser, email: string, password = PASSWORD, totpSecret?: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, email, password, { totpSecret });
  return { context, page };
}

async function passwordStep(page: Page, email: string, password: string) {
  await page.goto('/sign-in');
  await page.getByLabel('Email', { exact: true }).fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
}

test.beforeAll(async ({ browser }) => {
  test.setTimeout(120_000);
  const admin = await signedInContext(browser, demoUser('ada'));
  try {
    for (const person of Object.values(PEOPLE)) await invite(browser, admin.page, person);
  } finally {
    await admin.context.close();
  }
});

test('two-factor set up on the account page; at sign-in a wrong code is refused and a recovery code works once', async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const { email } = PEOPLE.tess;
  const tess = await signedIn(browser, email);
  try {
    await tess.page.getByRole('link', { name: 'Account', exact: true }).click();
    await expect(tess.page.getByRole('heading', { name: 'Account security' })).toBeVisible();
    await expect(tess.page.getByTestId('two-factor-status')).toContainText('Two-factor authentication is off.');

    const setup = tess.page.getByRole('form', { name: 'Set up two-factor' });
    await setup.getByLabel('Password or authentication code').fill('not-my-password');
    await setup.getByRole('button', { name: 'Set up two-factor' }).click();
    await expect(setup.getByTestId('form-status')).toHaveText('That password or code is not correct.');
    await setup.getByLabel('Password or authentication code').fill(PASSWORD);
    await setup.getByRole('button', { name: 'Set up two-factor' }).click();

    await expect(tess.page.getByRole('img', { name: /QR code/ })).toBeVisible();
    const secret = (await tess.page.getByTestId('totp-secret').innerText()).trim();
    const confirm = tess.page.getByRole('form', { name: 'Confirm two-factor' });
    await confirm.getByLabel('Authentication code').fill('000000');
    await confirm.getByRole('button', { name: 'Turn on two-factor' }).click();
    await expect(confirm.getByTestId('form-status')).toHaveText('That code is not valid, or it has already been used.');
    let codes: string[] = [];
    await withFreshTotpCode(email, secret, async (code) => {
      await confirm.getByLabel('Authentication code').fill(code);
      await confirm.getByRole('button', { name: 'Turn on two-factor' }).click();
      const list = tess.page.getByTestId('recovery-codes').getByRole('listitem');
      await expect(list).toHaveCount(10);
      codes = await list.allInnerTexts();
    });
    expect(codes).toHaveLength(10);
    await tess.page.getByRole('link', { name: 'I have saved my recovery codes' }).click();
    await expect(tess.page.getByTestId('two-factor-status')).toContainText(
      'Two-factor authentication is on. 10 unused recovery codes left.',
    );
    await tess.page.getByRole('button', { name: 'Sign out', exact: true }).click();
    await tess.page.waitForURL((url) => url.pathname === '/sign-in');

    // Signing in now asks for a code: a wrong one is refused, a recovery code works once.
    await passwordStep(tess.page, email, PASSWORD);
    await tess.page.waitForURL((url) => url.pathname === '/sign-in/verify');
    await tess.page.getByLabel('Authentication code', { exact: true }).fill('123456');
    await tess.page.getByRole('button', { name: 'Verify', exact: true }).click();
    await expect(tess.page.getByTestId('form-status')).toHaveText(
      'That code is not valid, or it has already been used.',
    );
    await expect(tess.page.getByTestId('signed-in-user')).toHaveCount(0);
    await tess.page.getByLabel('Authentication code', { exact: true }).fill(codes[0]!);
    await tess.page.getByRole('button', { name: 'Verify', exact: true }).click();
    await expect(tess.page.getByTestId('signed-in-user')).toContainText(PEOPLE.tess.name);
    await tess.page.getByRole('button', { name: 'Sign out', exact: true }).click();
    await tess.page.waitForURL((url) => url.pathname === '/sign-in');

    await passwordStep(tess.page, email, PASSWORD);
    await tess.page.getByLabel('Authentication code', { exact: true }).fill(codes[0]!);
    await tess.page.getByRole('button', { name: 'Verify', exact: true }).click();
    await expect(tess.page.getByTestId('form-status')).toHaveText(
      'That code is not valid, or it has already been used.',
    );
    await withFreshTotpCode(email, secret, async (code) => {
      await tess.page.getByLabel('Authentication code', { exact: true }).fill(code);
      await tess.page.getByRole('button', { name: 'Verify', exact: true }).click();
      await expect(tess.page.getByTestId('signed-in-user')).toContainText(PEOPLE.tess.name);
    });

    // Optional for a contractor: it can be turned off again, with the password.
    await tess.page.goto('/account/security');
    await expect(tess.page.getByTestId('two-factor-status')).toContainText('9 unused recovery codes left');
    const off = tess.page.getByRole('form', { name: 'Turn off two-factor' });
    await off.getByLabel('Password or authentication code').fill(PASSWORD);
    await off.getByRole('button', { name: 'Turn off two-factor' }).click();
    await expect(tess.page.getByTestId('two-factor-status')).toContainText('Two-factor authentication is off.');
  } finally {
    await tess.context.close();
  }
});

test('staff cannot turn two-factor off', async ({ browser }) => {
  const { context, page } = await signedInContext(browser, demoUser('oscar'));
  try {
    await page.goto('/account/security');
    await expect(page.getByTestId('two-factor-status')).toContainText('Your role requires it.');
    await expect(page.getByRole('form', { name: 'Turn off two-factor' })).toHaveCount(0);
    await expect(page.getByRole('form', { name: 'Reset two-factor' })).toBeVisible();
  } finally {
    await context.close();
  }
});

test('repeated failures lock the address, with the same answers as for a real account', async ({ page }) => {
  test.setTimeout(120_000);
  const email = 'nobody.locked.out@mmgroup.test';
  const answers: string[] = [];
  for (let i = 0; i < 9; i++) {
    await passwordStep(page, email, `wrong-password-${i}`);
    const status = page.getByTestId('form-status');
    await expect(status).not.toBeEmpty({ timeout: 20_000 });
    answers.push((await status.innerText()).trim());
  }
  const generic = 'The email or password is incorrect, or the account cannot sign in.';
  const locked = 'Too many attempts. Try again in a few minutes.';
  expect(answers).toEqual([...Array(7).fill(generic), locked, locked]);
});

test('a forgotten password is reset through the emailed link, which works once and ends every session', async ({
  browser,
}) => {
  const { email } = PEOPLE.rita;
  const before = await signedIn(browser, email);
  const guestContext = await browser.newContext();
  const guest = await guestContext.newPage();
  try {
    await guest.goto('/sign-in');
    await guest.getByRole('link', { name: 'Forgot your password?' }).click();
    const answers: string[] = [];
    for (const address of ['not.a.user@contractor.test', email]) {
      const form = guest.getByRole('form', { name: 'Send a reset link' });
      await form.getByLabel('Email').fill(address);
      await form.getByRole('button', { name: 'Send the link' }).click();
      await expect(form.getByTestId('form-status')).toContainText('If an account uses that address');
      answers.push(await form.getByTestId('form-status').innerText());
    }
    expect(answers[0]).toBe(answers[1]);

    const mail = guest.getByRole('article', { name: `Email to ${email}: Set a new password for Clearance` });
    await expect(async () => {
      await guest.goto('/dev/mailbox');
      await expect(mail).toHaveCount(1, { timeout: 1_000 });
    }).toPass();
    await expect(guest.getByRole('article', { name: /not\.a\.user/ })).toHaveCount(0);
    const link = /https?:\/\/\S+\/sign-in\/reset\/[A-Za-z0-9_-]+/.exec(
      await mail.getByTestId('email-text').innerText(),
    )![0];

    await guest.goto(new URL(link).pathname);
    const reset = guest.getByRole('form', { name: 'Set a new password' });
    await reset.getByLabel('New password').fill('rita-new-password-2026');
    await reset.getByLabel('Confirm password').fill('rita-new-password-2026');
    await reset.getByRole('button', { name: 'Set new password' }).click();
    await expect(guest.getByText('Your password has been changed')).toBeVisible();

    await before.page.reload();
    await expect(before.page).toHaveURL(/\/sign-in$/);
    await guest.goto(new URL(link).pathname);
    await expect(guest.getByText('This link to set a new password is not valid any more')).toBeVisible();
    await passwordStep(guest, email, PASSWORD);
    await expect(guest.getByTestId('form-status')).toHaveText(
      'The email or password is incorrect, or the account cannot sign in.',
    );
    await signIn(guest, email, 'rita-new-password-2026');
    await expect(guest.getByTestId('signed-in-user')).toContainText(PEOPLE.rita.name);
  } finally {
    await before.context.close();
    await guestContext.close();
  }
});

test('"Sign out everywhere" ends this session and the one in another browser', async ({ browser }) => {
  const one = await signedIn(browser, PEOPLE.cody.email);
  const two = await signedIn(browser, PEOPLE.cody.email);
  try {
    await one.page.goto('/account/security');
    const sessions = one.page.getByRole('table', { name: 'Active sessions' });
    await expect(sessions.getByRole('row')).toHaveCount(3);
    await expect(sessions.getByText('This session')).toHaveCount(1);
    await one.page.getByRole('button', { name: 'Sign out everywhere' }).click();
    await one.page.waitForURL((url) => url.pathname === '/sign-in');
    await two.page.reload();
    await expect(two.page).toHaveURL(/\/sign-in$/);
    await expect(two.page.getByTestId('signed-in-user')).toHaveCount(0);
  } finally {
    await one.context.close();
    await two.context.close();
  }
});

test('changing the password keeps this session and ends the other one', async ({ browser }) => {
  const one = await signedIn(browser, PEOPLE.cody.email);
  const two = await signedIn(browser, PEOPLE.cody.email);
  try {
    await one.page.goto('/account/security');
    const form = one.page.getByRole('form', { name: 'Change password' });
    await form.getByLabel('Current password', { exact: true }).fill('not-the-password');
    await form.getByLabel('New password', { exact: true }).fill('cody-new-password-2026');
    await form.getByLabel('Confirm new password').fill('cody-new-password-2026');
    await form.getByRole('button', { name: 'Change password' }).click();
    await expect(form.getByTestId('form-status')).toHaveText('Your current password is not correct.');
    await form.getByLabel('Current password', { exact: true }).fill(PASSWORD);
    await form.getByLabel('New password', { exact: true }).fill('cody-new-password-2026');
    await form.getByLabel('Confirm new password').fill('cody-new-password-2026');
    await form.getByRole('button', { name: 'Change password' }).click();
    await expect(form.getByTestId('form-status')).toHaveText(
      'Password changed. Every other session has been signed out.',
    );

    await two.page.reload();
    await expect(two.page).toHaveURL(/\/sign-in$/);
    await one.page.reload();
    await expect(one.page.getByTestId('signed-in-user')).toContainText(PEOPLE.cody.name);
    await signIn(two.page, PEOPLE.cody.email, 'cody-new-password-2026');
    await expect(two.page.getByTestId('signed-in-user')).toContainText(PEOPLE.cody.name);
  } finally {
    await one.context.close();
    await two.context.close();
  }
});

test('the development mailbox exists in this test server only because CLEARANCE_DEV_MAILBOX=1', async ({ page }) => {
  const response = await page.goto('/dev/mailbox');
  expect(response?.status()).toBe(200);
  await expect(page.getByRole('heading', { name: 'Development mailbox' })).toBeVisible();
});
