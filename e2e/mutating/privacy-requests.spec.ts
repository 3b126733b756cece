import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { strFromU8, unzipSync } from 'fflate';
import { DEMO_PASSWORD, DEMO_USERS, demoUser, signedInContext } from '../helpers';
import { confirmInDialog } from '../confirm';
import { readMail, rejectCookiesIfAsked, sixDigits } from '../privacy';

/** Rights requests as their users meet them: the public form with its emailed code, the admin queue, an export download. */

const REQUESTER = 'pat.public@example.test';

test('the public request form: an emailed code, a wrong try counted, then verified with its legal clock', async ({
  page,
}) => {
  await page.goto('/privacy/request');
  await rejectCookiesIfAsked(page);
  const form = page.getByRole('form', { name: 'Privacy request' });
  await form.getByLabel('What are you asking for?').selectOption('deletion');
  await form.getByLabel('Where do you live?').selectOption('california');
  await form.getByLabel('Name', { exact: true }).fill('Pat Public');
  await form.getByLabel('Email', { exact: true }).fill(REQUESTER);
  await form.getByRole('button', { name: 'Send request' }).click();
  await page.waitForURL(/\/privacy\/request\/[0-9a-f-]{36}$/);
  const requestPath = new URL(page.url()).pathname;
  await expect(page.getByText('We emailed a six-digit code to p***@example.test')).toBeVisible();
  const ref = await page.getByTestId('request-ref').innerText();
  expect(ref).toMatch(/^PR-\d{5}$/);
  // California deletion: 45 days from today (UTC).
  const due = new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate() + 45))
    .toISOString()
    .slice(0, 10);
  await expect(page.getByTestId('request-due')).toHaveText(due);

  const code = sixDigits(await readMail(page, REQUESTER, /Your verification code/));
  await page.goto(requestPath);
  const verify = page.getByRole('form', { name: 'Verification code' });
  await verify.getByLabel('Six-digit code').fill(code === '000000' ? '111111' : '000000');
  await verify.getByRole('button', { name: 'Verify' }).click();
  await expect(verify.getByTestId('form-status')).toHaveText('That code is not right. 2 tries left.');
  await verify.getByLabel('Six-digit code').fill(code);
  await verify.getByRole('button', { name: 'Verify' }).click();
  await expect(page.getByTestId('request-verified')).toBeVisible();
  await expect(page.getByText(ref)).toBeVisible();
  expect(await readMail(page, REQUESTER, /We received your privacy request/)).toContain(`answer by ${due}`);
});

test('the admin queue: the clock on every request, filters, and a request completed with an export the person downloads once', async ({
  browser,
}) => {
  // Nova asks from her account, re-entering her password.
  const nova = await signedInContext(browser, demoUser('nova'));
  await nova.page.goto('/account/privacy');
  const ask = nova.page.getByRole('form', { name: 'Make a privacy request' });
  await ask.getByLabel('What are you asking for?').selectOption('access');
  await ask.getByLabel('Your password').fill(DEMO_PASSWORD);
  await ask.getByRole('button', { name: 'Send request' }).click();
  await expect(ask.getByTestId('form-status')).toContainText(/Request PR-\d{5} received/);
  const ref = /PR-\d{5}/.exec(await ask.getByTestId('form-status').innerText())![0];
  await expect(
    nova.page.getByRole('table', { name: 'My requests' }).getByRole('row', { name: new RegExp(ref) }),
  ).toContainText('Received');

  const ada = await signedInContext(browser, demoUser('ada'));
  await ada.page.goto('/admin/privacy');
  const filters = ada.page.getByRole('form', { name: 'Filter requests' });
  await filters.getByLabel('Kind').selectOption('access');
  // By name: the sort select's options include "Due" too.
  await filters.locator('select[name="due"]').selectOption('open');
  await filters.getByRole('button', { name: 'Filter' }).click();
  await expect(ada.page).toHaveURL(/kind=access/);
  const queue = ada.page.getByRole('table', { name: 'Privacy requests' });
  const row = queue.getByRole('row', { name: new RegExp(ref) });
  await expect(row).toContainText('Client Vega (client)'); // a client user by codename, never the real name
  await expect(queue).not.toContainText('Deletion');
  await row.getByRole('link', { name: ref }).click();
  await expect(ada.page.getByTestId('request-clock')).toContainText('One calendar month');
  await ada.page.getByRole('form', { name: 'Start work' }).getByRole('button', { name: 'Mark in progress' }).click();
  await expect(ada.page.getByRole('heading', { name: new RegExp(`Request ${ref}`) })).toContainText('In progress');
  await ada.page
    .getByRole('form', { name: 'Complete the request' })
    .getByRole('button', { name: 'Complete the request' })
    .click();
  // Closed: the actions give way to the record of what was done.
  await expect(ada.page.getByRole('heading', { name: new RegExp(`Request ${ref}`) })).toContainText('Completed');
  await expect(ada.page.getByRole('table', { name: 'Export links' })).toContainText('The person');
  await expect(ada.page.getByRole('form', { name: 'Complete the request' })).toHaveCount(0);

  // The link from the email: a page first, the download only on the button, and only once.
  const mail = await readMail(nova.page, 'nova@talent.test', /Your data from MM Group is ready/);
  const link = new URL(/https?:\/\/\S+\/privacy\/export\/[\w-]+/.exec(mail)![0]).pathname;
  await nova.page.goto(link);
  const [download] = await Promise.all([
    nova.page.waitForEvent('download'),
    nova.page.getByRole('button', { name: 'Download my data' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe(`clearance-export-${ref}.zip`);
  const zip = unzipSync(new Uint8Array(readFileSync((await download.path())!)));
  const names = Object.keys(zip);
  expect(names.slice(0, 3)).toEqual(['export.json', 'index.html', 'README.txt']);
  const data = JSON.parse(strFromU8(zip['export.json']!)) as {
    categories: { key: string; purpose: string; records: Record<string, unknown>[] }[];
    files: { path: string; file: string; sha256: string }[];
  };
  expect(data.categories.find((c) => c.key === 'account')?.records[0]).toMatchObject({
    email: 'nova@talent.test',
    name: 'Nova Reyes',
  });
  // Her upload (the passport scan of the demo world), as the exact bytes she uploaded: a PNG whose SHA-256 is the
  // one stored at upload; the readable page links to it.
  const scan = data.files.find((f) => f.file === 'passport-scan.png');
  expect(scan?.path).toMatch(/^files\/passport-scan \(version \d+\)\.png$/);
  const bytes = zip[scan!.path]!;
  expect(Buffer.from(bytes.subarray(0, 8)).toString('hex')).toBe('89504e470d0a1a0a');
  expect(createHash('sha256').update(bytes).digest('hex')).toBe(scan!.sha256);
  expect(strFromU8(zip['index.html']!)).toContain(`href="${scan!.path}"`);
  for (const other of DEMO_USERS.filter((u) => u.key !== 'nova')) {
    for (const [name, content] of Object.entries(zip)) {
      const text = Buffer.from(content).toString('latin1');
      expect(text.includes(other.email), `${other.email} in ${name}`).toBe(false);
      expect(text.includes(other.name), `${other.name} in ${name}`).toBe(false);
    }
  }
  const again = await nova.page.goto(link);
  expect(again?.status()).toBe(404);
  await expect(nova.page.getByText('This download link is not valid any more')).toBeVisible();
  await expect(nova.page.getByRole('button', { name: 'Download my data' })).toHaveCount(0);

  await ada.page.goto('/admin/privacy?status=completed');
  await expect(
    ada.page.getByRole('table', { name: 'Privacy requests' }).getByRole('row', { name: new RegExp(ref) }),
  ).toContainText('Completed');
  await nova.context.close();
  await ada.context.close();
});

test('a material policy change: every signed-in person is asked to acknowledge it once, on their next page', async ({
  browser,
}) => {
  const ada = await signedInContext(browser, demoUser('ada'));
  await ada.page.goto('/admin/privacy/policy');
  const publish = ada.page.getByRole('form', { name: 'Publish a policy version' });
  const today = new Date().toISOString().slice(0, 10);
  await publish.getByLabel('In effect from').fill(today);
  await publish.getByLabel('What changed').fill('Retention of project content is now stated per category.');
  await publish
    .getByLabel(/^Policy text/)
    .fill('## What we keep\n\nProject content is kept for **365 days** after a project closes. POLICY-V-ACK-CANARY');
  await publish.getByLabel('This change is material').check();
  await publish.getByRole('button', { name: 'Preview and publish' }).click();
  await expect(ada.page.getByTestId('confirm-preview')).toContainText('POLICY-V-ACK-CANARY');
  await confirmInDialog(ada.page, 'Publish');
  await expect(publish.getByTestId('form-status')).toBeVisible();

  // Nova, on her next page: the notice, with the summary; acknowledging it records it and it does not come back.
  const nova = await signedInContext(browser, demoUser('nova'));
  await nova.page.goto('/');
  const notice = nova.page.getByRole('region', { name: 'Privacy policy update' });
  await expect(notice).toContainText('Retention of project content is now stated per category.');
  await notice.getByRole('button', { name: 'I have read it' }).click();
  await expect(notice).toHaveCount(0);
  await nova.page.goto('/');
  await expect(nova.page.getByRole('heading').first()).toBeVisible();
  await expect(nova.page.getByRole('region', { name: 'Privacy policy update' })).toHaveCount(0);

  // The public page shows the new version as the one in effect.
  await nova.page.goto('/privacy');
  await expect(nova.page.getByText('POLICY-V-ACK-CANARY')).toBeVisible();

  // The acknowledgement is on the record.
  await ada.page.goto('/admin/audit');
  await expect(ada.page.getByRole('main')).toContainText(/acknowledg/i);
  await Promise.all([ada.context.close(), nova.context.close()]);
});
