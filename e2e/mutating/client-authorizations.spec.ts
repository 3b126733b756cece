import { expect, test, type Page } from '@playwright/test';
import {
  canariesIn,
  demoUser,
  gatherWorld,
  KAI,
  NOVA,
  PUBLIC_CANARY,
  signedInContext,
  visit,
  type World,
} from '../helpers';
import { confirmInDialog } from '../confirm';

/*
 * Issue 4, flows 5 and 6 and the public portfolio: staff ask for a written authorization with the exact public
 * words; the client reads the full text and signs by typing their name and consenting, or refuses; both
 * download the signed record; revoking takes the project off /portfolio on the next request; zero public
 * association ends every public use and blocks requests.
 */
test.describe.configure({ mode: 'serial' });

let world: World;
test.beforeAll(async ({ browser }) => {
  world = await gatherWorld(browser, ['Aurora']);
});

async function requestAuthorization(page: Page, kind: string, title: string, summary: string) {
  await page.goto(`${world.projects.Aurora}/authorizations`);
  const form = page.getByRole('form', { name: 'Request an authorization' });
  await form.getByLabel('Public use').selectOption({ label: kind });
  await form.getByLabel('Exact public title').fill(title);
  await form.getByLabel('Exact public summary').fill(summary);
  await form.getByRole('button', { name: 'Send the request' }).click();
  await expect(form.getByTestId('form-status')).toHaveText(
    'Request sent. The client will read the exact text and sign or refuse it.',
  );
}

async function openRequestFromNotifications(page: Page, title: string) {
  await page.goto('/notifications');
  const item = page.getByRole('listitem').filter({ hasText: title }).first();
  await item.getByRole('link', { name: 'Open' }).click();
  await expect(page.getByTestId('authorization-text')).toBeVisible();
}

async function sign(page: Page, name: string) {
  const form = page.getByRole('form', { name: 'Sign the authorization' });
  await form.getByLabel('Your full name').fill(name);
  await form.getByLabel('I have read the text above and I give this authorization.').check();
  await form.getByRole('button', { name: 'Sign' }).click();
  return form.getByTestId('form-status');
}

/** Once answered, the request page shows the text and no form any more. */
const ANSWERED = 'This request has been answered; its record is on the authorizations page.';
async function signSuccessfully(page: Page) {
  await sign(page, 'Nova Reyes');
  await expect(page.getByTestId('request-state')).toHaveText(ANSWERED);
  await expect(page.getByRole('form', { name: 'Sign the authorization' })).toHaveCount(0);
}

test('flow 5: the client reads the exact text, signs by name; both parties download the signed record', async ({
  browser,
}) => {
  const sam = await signedInContext(browser, demoUser('sam'));
  const nova = await signedInContext(browser, demoUser('nova'));
  const finn = await signedInContext(browser, demoUser('finn'));
  try {
    await requestAuthorization(
      sam.page,
      'Case study',
      'Aurora, a case study',
      'How a creator-led launch reached new buyers. E2E-CASE-SUMMARY',
    );
    await openRequestFromNotifications(nova.page, 'Authorization requested: Case study for Aurora (Nova Reyes)');
    await expect(nova.page.getByTestId('public-title')).toHaveText('Aurora, a case study');
    await expect(nova.page.getByTestId('authorization-text')).toContainText(
      'and with exactly this public summary: "How a creator-led launch reached new buyers. E2E-CASE-SUMMARY".',
    );

    // Consent is required, and the typed name must be hers.
    const form = nova.page.getByRole('form', { name: 'Sign the authorization' });
    await form.getByLabel('Your full name').fill('Nova Reyes');
    await form.getByRole('button', { name: 'Sign' }).click();
    await expect(form.getByText('Tick the box to confirm you consent.')).toBeVisible();
    await expect(await sign(nova.page, 'Nova R.')).toHaveText(
      'Type your full name exactly as it appears on your account.',
    );
    await signSuccessfully(nova.page);

    // Both parties download it: the client and the lead (who may know the client); not Finn.
    await nova.page.goto(`${world.projects.Aurora}/authorizations`);
    const row = nova.page
      .getByRole('table', { name: 'Signed records' })
      .getByRole('row', { name: /Case study signed .* Aurora, a case study/ });
    const href = await row.getByRole('link', { name: 'Download' }).getAttribute('href');
    for (const party of [nova.page, sam.page]) {
      const response = await party.request.get(href!);
      expect(response.status()).toBe(200);
      expect(response.headers()['content-disposition']).toContain('attachment');
      const body = await response.text();
      expect(body).toMatch(/Signed by: Nova Reyes\nSigned at: \d{4}-/);
      expect(body).toMatch(/SHA-256 of the text below: [0-9a-f]{64}/);
      expect(body).toContain('E2E-CASE-SUMMARY');
      expect(body).toMatch(/User agent: .+/);
    }
    expect((await finn.page.request.get(href!)).status()).toBe(404);
    await sam.page.goto('/notifications');
    await expect(sam.page.getByRole('list', { name: 'Notifications' })).toContainText(
      'Authorization signed: Case study for Aurora (Nova Reyes)',
    );
  } finally {
    await Promise.all([sam.context.close(), nova.context.close(), finn.context.close()]);
  }
});

test('flow 5: the client refuses, with a reason, and the refusal is on record', async ({ browser }) => {
  const sam = await signedInContext(browser, demoUser('sam'));
  const nova = await signedInContext(browser, demoUser('nova'));
  try {
    await requestAuthorization(sam.page, 'Testimonial', 'Nova on Lumen', 'Nova on working with Lumen.');
    await openRequestFromNotifications(nova.page, 'Authorization requested: Testimonial for Aurora (Nova Reyes)');
    const refuse = nova.page.getByRole('form', { name: 'Refuse the authorization' });
    await refuse.getByLabel('Why you refuse').fill('No testimonials, please');
    await refuse.getByRole('button', { name: 'Refuse' }).click();
    await expect(nova.page.getByTestId('request-state')).toHaveText(ANSWERED);
    await sam.page.goto(`${world.projects.Aurora}/authorizations`);
    await expect(
      sam.page
        .getByRole('list', { name: 'Authorization requests' })
        .getByRole('listitem')
        .filter({ hasText: 'Nova on Lumen' }),
    ).toContainText('refused');
    await expect(sam.page.getByRole('table', { name: 'Signed records' })).toContainText('No testimonials, please');
  } finally {
    await Promise.all([sam.context.close(), nova.context.close()]);
  }
});

test('a revoked authorization takes the project off /portfolio on the next request', async ({ browser, page }) => {
  const nova = await signedInContext(browser, demoUser('nova'));
  try {
    await page.goto('/portfolio');
    await expect(page.getByText('Nova Reyes × Lumen', { exact: true })).toBeVisible();
    await nova.page.goto(`${world.projects.Aurora}/authorizations`);
    const revoke = nova.page.getByRole('form', { name: /^Revoke Portfolio use of / });
    await revoke.getByLabel('Reason').fill('The campaign is over');
    await revoke.getByRole('button', { name: 'Revoke' }).click();
    await confirmInDialog(nova.page, 'Revoke the authorization');
    await expect(nova.page.getByRole('form', { name: /^Revoke Portfolio use of / })).toHaveCount(0);
    const after = await visit(page, '/portfolio');
    expect(after.content.includes('Nova Reyes × Lumen')).toBe(false);
    expect(canariesIn(after.content)).toEqual([]);
    await expect(page.getByText('Nothing to show yet.')).toBeVisible();
    // The old record is unchanged; the revocation is a new one.
    const records = nova.page.getByRole('table', { name: 'Signed records' });
    await expect(records.getByRole('row', { name: /Portfolio use revoked/ })).toContainText('The campaign is over');
    await expect(records.getByRole('row', { name: /Portfolio use signed/ })).toContainText('Nova Reyes × Lumen');
  } finally {
    await nova.context.close();
  }
});

test('flow 6: zero public association ends every public use, blocks requests and scrubs the public page', async ({
  browser,
  page,
}) => {
  const sam = await signedInContext(browser, demoUser('sam'));
  const nova = await signedInContext(browser, demoUser('nova'));
  const oscar = await signedInContext(browser, demoUser('oscar'));
  try {
    // A fresh portfolio entry first, so there is something to end.
    await requestAuthorization(sam.page, 'Portfolio use', 'Aurora relaunch E2E', 'A relaunch with Lumen Cosmetics.');
    await openRequestFromNotifications(nova.page, 'Authorization requested: Portfolio use for Aurora (Nova Reyes)');
    await signSuccessfully(nova.page);
    await page.goto('/portfolio');
    await expect(page.getByText('Aurora relaunch E2E')).toBeVisible();

    await nova.page.goto('/client');
    await expect(nova.page.getByTestId('zero-association-text')).toContainText(
      'I, Nova Reyes, on behalf of Nova Reyes, demand that MM Group make no public association',
    );
    const demand = nova.page.getByRole('form', { name: 'Demand zero public association' });
    await demand.getByLabel('Your full name').fill('Nova Reyes');
    await demand.getByLabel('I have read the text above and sign it.').check();
    await demand.getByRole('button', { name: 'Sign the demand' }).click();
    await expect(nova.page.getByTestId('zero-association-state')).toContainText('On.');

    const scrubbed = await visit(page, '/portfolio');
    for (const name of [NOVA, KAI, 'Aurora relaunch E2E', PUBLIC_CANARY])
      expect(scrubbed.content.includes(name), name).toBe(false);

    // Staff can no longer ask, and are told why; Kai's project was always so.
    for (const [who, project] of [
      [sam.page, world.projects.Aurora],
      [oscar.page, null],
    ] as const) {
      if (project) await who.goto(`${project}/authorizations`);
      else {
        await who.goto('/');
        await who.getByRole('heading', { name: 'Borealis' }).click();
        await who.getByRole('link', { name: 'Authorizations' }).click();
      }
      await expect(who.getByTestId('request-blocked')).toHaveText(
        'This client has demanded zero public association: no authorization can be requested for them while it holds.',
      );
      await expect(who.getByRole('form', { name: 'Request an authorization' })).toHaveCount(0);
      await expect(who.getByRole('table', { name: 'Authorization status' })).not.toContainText('in force');
    }
    await sam.page.goto('/notifications');
    await expect(sam.page.getByRole('list', { name: 'Notifications' })).toContainText(
      'Authorization revoked: Portfolio use for Aurora (Nova Reyes)',
    );

    // Withdrawing the demand is a record too; ended uses stay ended.
    await nova.page.goto('/client');
    await nova.page.getByText('Withdraw the demand').click();
    const withdraw = nova.page.getByRole('form', { name: 'Withdraw zero public association' });
    await withdraw.getByLabel('Your full name').fill('Nova Reyes');
    await withdraw.getByLabel(/I withdraw my demand/).check();
    await withdraw.getByRole('button', { name: 'Withdraw' }).click();
    await expect(nova.page.getByTestId('zero-association-text')).toBeVisible();
    expect((await visit(page, '/portfolio')).content.includes('Aurora relaunch E2E')).toBe(false);
  } finally {
    await Promise.all([sam.context.close(), nova.context.close(), oscar.context.close()]);
  }
});
