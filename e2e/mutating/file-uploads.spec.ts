import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { demoUser, signedInContext } from '../helpers';

/*
 * Issue 13, uploads: Sam adds a file to a new item of his and watches the progress bar (bytes, total, time left);
 * an upload cut off by a page reload resumes where it stopped when he chooses the same file again; a second
 * upload becomes a new version of the file. The browser's upload speed is limited (Chromium's network
 * emulation) so that the progress can be seen and the reload lands mid-upload; nothing here waits on a clock.
 */
test.describe.configure({ mode: 'serial' });

const MiB = 1024 * 1024;
const dir = mkdtempSync(path.join(tmpdir(), 'clearance-uploads-'));
/** A PDF (by its magic bytes) on disk: choosing it again is choosing the same file (same name, size, date). */
function pdf(name: string, size: number): string {
  const file = path.join(dir, name);
  writeFileSync(
    file,
    Buffer.concat([Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n'), randomBytes(size)]).subarray(0, size),
  );
  return file;
}

async function limitUpload(page: Page, bytesPerSecond: number) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: 0,
    downloadThroughput: -1,
    uploadThroughput: bytesPerSecond,
  });
}

const progressValue = async (page: Page) => Number(await page.getByRole('progressbar').getAttribute('aria-valuenow'));

test('upload with progress, an interrupted upload resumed, a new version', async ({ browser }) => {
  test.slow();
  const sam = await signedInContext(browser, demoUser('sam'));
  const page = sam.page;
  try {
    // A fresh item of Sam's own (earlier specs add items: this one is found by its path).
    await page.goto('/');
    await page.getByRole('heading', { name: 'Aurora' }).click();
    await page.getByRole('link', { name: 'New item' }).click();
    await page.getByLabel('Category').selectOption('creative');
    await page.getByLabel('Title').fill('Pitch deck E2E-UPLOADS');
    await page.getByLabel('Content').fill('The deck as a file. E2E-UPLOADS');
    await page.getByRole('button', { name: 'Create item' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Pitch deck E2E-UPLOADS' })).toBeVisible();
    const itemPath = new URL(page.url()).pathname;

    // 1. Upload with the progress bar: bytes of the total and the time left while it runs.
    await limitUpload(page, 2 * MiB);
    const deck = pdf('deck-e2e.pdf', 6 * MiB);
    await page.getByLabel('Choose a file to upload').setInputFiles(deck);
    await expect(page.getByRole('progressbar', { name: 'Uploading deck-e2e.pdf' })).toBeVisible();
    await expect(page.getByTestId('upload-progress')).toContainText(
      /deck-e2e\.pdf: .* of 6\.0 MiB \(\d+%\) · (about \d+ (s|min) left|estimating time left…)/,
    );
    await expect(page.getByTestId('upload-status')).toHaveText('Uploaded deck-e2e.pdf.', { timeout: 60_000 });
    const entry = page.getByTestId('file-entry').filter({ hasText: 'deck-e2e.pdf' });
    await expect(entry).toContainText('Version 1 · 6.0 MiB · application/pdf · by Sam Lead');

    // 2. Cut off mid-upload by a reload; the same file chosen again resumes where the server stopped.
    const scan = pdf('contract-e2e.pdf', 8 * MiB);
    await limitUpload(page, 1 * MiB);
    await page.getByLabel('Choose a file to upload').setInputFiles(scan);
    await expect.poll(() => progressValue(page), { timeout: 60_000 }).toBeGreaterThanOrEqual(30);
    await page.reload();
    await expect(page.getByRole('heading', { level: 1, name: 'Pitch deck E2E-UPLOADS' })).toBeVisible();
    await expect(page.getByTestId('file-entry').filter({ hasText: 'contract-e2e.pdf' })).toHaveCount(0);
    await limitUpload(page, 1 * MiB);
    await page.getByLabel('Choose a file to upload').setInputFiles(scan);
    await expect(page.getByTestId('upload-progress')).toContainText('resumed where it stopped');
    // It goes on from what the server had, not from zero.
    await expect.poll(() => progressValue(page), { timeout: 30_000 }).toBeGreaterThanOrEqual(10);
    await expect(page.getByTestId('upload-status')).toHaveText('Uploaded contract-e2e.pdf.', { timeout: 60_000 });
    await expect(page.getByTestId('file-entry').filter({ hasText: 'contract-e2e.pdf' })).toContainText(
      'Version 1 · 8.0 MiB',
    );

    // 3. A new version of the deck.
    await limitUpload(page, -1);
    await page.getByLabel('Add as').selectOption({ label: 'A new version of deck-e2e.pdf' });
    await page.getByLabel('Choose a file to upload').setInputFiles(pdf('deck-e2e-v2.pdf', 300 * 1024));
    await expect(page.getByTestId('upload-status')).toHaveText('Uploaded deck-e2e-v2.pdf as a new version.', {
      timeout: 60_000,
    });
    const updated = page.getByTestId('file-entry').filter({ hasText: 'deck-e2e.pdf' });
    await expect(updated).toContainText('Version 2 · 300 KiB');
    await expect(updated).toContainText('Earlier versions (1)');
    expect(new URL(page.url()).pathname).toBe(itemPath);
  } finally {
    await sam.context.close();
  }
});
