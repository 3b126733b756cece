import { expect, type Page } from '@playwright/test';

/** Helpers for the privacy browser tests: the development mailbox and the cookie banner. */

/** The text of the newest email to an address whose subject matches, read from /dev/mailbox. */
export async function readMail(page: Page, to: string, subject: RegExp): Promise<string> {
  const mail = page
    .getByRole('article', { name: new RegExp(`^Email to ${to.replace(/[.+]/g, '\\$&')}: ${subject.source}`) })
    .first();
  await expect(async () => {
    await page.goto('/dev/mailbox');
    await expect(mail).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 20_000 });
  return mail.getByTestId('email-text').innerText();
}

export const sixDigits = (text: string) => /\b(\d{6})\b/.exec(text)![1]!;

/** Clears the first-layer banner with "Reject all" when it opens (after hydration), so it covers nothing. */
export async function rejectCookiesIfAsked(page: Page): Promise<void> {
  const banner = page.getByRole('dialog', { name: 'Cookies on this site' });
  if (
    await banner.waitFor({ state: 'visible', timeout: 5_000 }).then(
      () => true,
      () => false,
    )
  ) {
    await banner.getByRole('button', { name: 'Reject all' }).click();
    await expect(banner).toBeHidden();
  }
}
