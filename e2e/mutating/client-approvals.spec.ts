import { expect, test, type Page } from '@playwright/test';
import { demoUser, gatherWorld, signedInContext, visit, type World } from '../helpers';
import { confirmInDialog } from '../confirm';

/*
 * Issue 4, flow 4 and the access-request flow: a client who requires approval keeps a high-risk grant pending
 * (no access) until they approve it, or refuses it with a reason; staff ask for access and an admin decides
 * with the NDA checks. Everyone concerned is told (bell, notifications page). Each test undoes its grants.
 */
test.describe.configure({ mode: 'serial' });

let world: World;
test.beforeAll(async ({ browser }) => {
  world = await gatherWorld(browser, ['Borealis']);
});

async function openAccess(page: Page, codename: string) {
  await page.goto('/admin/projects');
  await page.getByRole('link', { name: codename, exact: true }).click();
  await expect(page.getByRole('heading', { name: `${codename}: access` })).toBeVisible();
}

async function grantSecurityPlanTo(admin: Page, person: string, reason: string): Promise<string> {
  await openAccess(admin, 'Borealis');
  const heading = admin.getByRole('heading', { name: /^Logistics item #\d+$/ });
  const label = (await heading.innerText()).trim();
  await admin.getByText(`Add someone to ${label}`).click();
  const form = admin.getByRole('form', { name: `Add to allowlist of ${label}` });
  await form.getByLabel('Person').selectOption({ label: person });
  await form.getByLabel('Reason').fill(reason);
  await form.getByRole('button', { name: 'Add to allowlist' }).click();
  await expect(form.getByTestId('form-status')).toHaveText(
    'Granted, waiting for the client’s approval: no access until they approve.',
  );
  return label;
}

async function setApproval(page: Page, on: boolean) {
  await page.goto('/client');
  const form = page.getByRole('form', { name: 'Approval of high-risk access' });
  await form.getByRole('button', { name: on ? 'Require my approval' : 'Stop requiring my approval' }).click();
  await expect(page.getByTestId('approval-state')).toContainText(on ? 'On:' : 'Off:');
}

test('flow 4: a pending high-risk grant gives no access until the client approves; a refusal gives none', async ({
  browser,
}) => {
  const ada = await signedInContext(browser, demoUser('ada'));
  const kai = await signedInContext(browser, demoUser('kai'));
  const sam = await signedInContext(browser, demoUser('sam'));
  const plan = world.items['BOREALIS-HR-SECURITY'];
  try {
    await setApproval(kai.page, true);

    // Sam joins Borealis with the logistics scope, then is granted its high-risk security plan: pending.
    await openAccess(ada.page, 'Borealis');
    const grant = ada.page.getByRole('form', { name: 'Grant access' });
    await grant.getByLabel('Person').selectOption({ label: 'Sam Lead (Staff)' });
    await grant.getByLabel('Logistics').check();
    await grant.getByRole('button', { name: 'Grant access' }).click();
    await expect(grant.getByTestId('form-status')).toHaveText('Access granted.');
    const label = await grantSecurityPlanTo(ada.page, 'Sam Lead (Staff)', 'Covers for Oscar');
    const pendingVisit = await visit(sam.page, plan);
    expect(pendingVisit.status).toBe(404);
    expect(pendingVisit.content).not.toContain('BOREALIS-HR-SECURITY');

    // Kai is told, and refuses with a reason.
    await kai.page.goto('/');
    await expect(kai.page.getByTestId('unread-count')).toBeVisible();
    await kai.page.getByTestId('notification-bell').click();
    await expect(kai.page.getByRole('list', { name: 'Notifications' })).toContainText(
      `Your approval is needed: high-risk access to ${label} in Borealis (Kai Storm)`,
    );
    await kai.page.goto('/client');
    const refuse = kai.page.getByRole('form', { name: `Refuse Sam Lead on ${label} (Borealis)` });
    await refuse.getByRole('button', { name: 'Refuse' }).click();
    await expect(refuse.getByText('Say why you refuse this access.')).toBeVisible();
    await refuse.getByLabel('Reason for refusing').fill('Only Oscar knows my security');
    await refuse.getByRole('button', { name: 'Refuse' }).click();
    await expect(kai.page.getByTestId('pending-grant')).toHaveCount(0);
    expect((await visit(sam.page, plan)).status).toBe(404);
    await sam.page.goto('/notifications');
    await expect(sam.page.getByRole('list', { name: 'Notifications' })).toContainText('Only Oscar knows my security');

    // Granted again, approved: access from the very next request.
    await grantSecurityPlanTo(ada.page, 'Sam Lead (Staff)', 'Covers for Oscar this week');
    await kai.page.goto('/client');
    await kai.page
      .getByRole('form', { name: `Approve Sam Lead on ${label} (Borealis)` })
      .getByRole('button', { name: 'Approve' })
      .click();
    await expect(kai.page.getByTestId('pending-grant')).toHaveCount(0);
    const approved = await visit(sam.page, plan);
    expect(approved.status).toBe(200);
    expect(approved.visibleText).toContain('BOREALIS-HR-SECURITY');

    // Both outcomes are on Kai's record of his project.
    await kai.page.goto(`${world.projects.Borealis}/people`);
    const list = kai.page.getByRole('table', { name: `Allowlist of ${label}` });
    await expect(list.getByRole('row', { name: /Sam Lead .* refused/ })).toContainText('Only Oscar knows my security');
    await expect(list.getByRole('row', { name: /Sam Lead .* active/ })).toBeVisible();
  } finally {
    // Undo: Sam leaves Borealis, Kai stops requiring approval.
    await openAccess(ada.page, 'Borealis');
    const revoke = ada.page.getByRole('form', { name: 'Revoke Sam Lead' });
    if (await revoke.count()) {
      await revoke.getByRole('button', { name: 'Revoke' }).click();
      await confirmInDialog(ada.page, 'Revoke Sam Lead');
    }
    await setApproval(kai.page, false).catch(() => undefined);
    await Promise.all([ada.context.close(), kai.context.close(), sam.context.close()]);
  }
});

test('access requests: staff ask, an admin approves with the NDA checks or refuses with a reason', async ({
  browser,
}) => {
  const ada = await signedInContext(browser, demoUser('ada'));
  const finn = await signedInContext(browser, demoUser('finn'));
  const cora = await signedInContext(browser, demoUser('cora'));
  try {
    await finn.page.goto('/requests');
    const ask = finn.page.getByRole('form', { name: 'Ask for membership' });
    await ask.getByLabel('Project').selectOption({ label: 'Borealis' });
    await ask.getByLabel('Deal terms').check();
    await ask.getByLabel('Why you need it').fill('Covering the Borealis invoices');
    await ask.getByRole('button', { name: 'Ask for membership' }).click();
    await expect(ask.getByTestId('form-status')).toHaveText('Request sent to the access administrators.');

    await ada.page.goto('/notifications');
    await expect(ada.page.getByRole('list', { name: 'Notifications' })).toContainText(
      'Finn Finance asks for membership of Borealis',
    );
    await ada.page.goto('/admin/requests');
    const approve = ada.page.getByRole('form', { name: 'Approve Finn Finance: membership (Deal terms) in Borealis' });
    await approve.getByRole('button', { name: 'Approve' }).click();
    await expect(
      ada.page.getByRole('form', { name: 'Approve Finn Finance: membership (Deal terms) in Borealis' }),
    ).toHaveCount(0);
    await finn.page.goto('/');
    await finn.page.getByRole('heading', { name: 'Borealis' }).click();
    await expect(finn.page.getByText('BOREALIS-RATE')).toBeVisible();
    await finn.page.goto('/requests');
    await expect(finn.page.getByRole('table', { name: 'Your access requests' })).toContainText('approved');

    // A contractor: only the client her NDA covers is offered; approving needs an expiry; refusing, a reason.
    await cora.page.goto('/requests');
    const coraAsk = cora.page.getByRole('form', { name: 'Ask for membership' });
    await expect(coraAsk.getByLabel('Project').locator('option')).toHaveText(['Aurora']);
    await coraAsk.getByLabel('Logistics').check();
    await coraAsk.getByLabel('Why you need it').fill('Cutting the travel video');
    await coraAsk.getByRole('button', { name: 'Ask for membership' }).click();
    await expect(coraAsk.getByTestId('form-status')).toHaveText('Request sent to the access administrators.');
    await ada.page.goto('/admin/requests');
    const name = 'Cora Editor: membership (Logistics) in Aurora';
    await ada.page
      .getByRole('form', { name: `Approve ${name}` })
      .getByRole('button', { name: 'Approve' })
      .click();
    await expect(ada.page.getByRole('form', { name: `Approve ${name}` }).getByTestId('form-status')).toHaveText(
      'Contractor access always needs an expiry date.',
    );
    const refuse = ada.page.getByRole('form', { name: `Refuse ${name}` });
    await refuse.getByRole('button', { name: 'Refuse' }).click();
    await expect(refuse.getByText('Say why you refuse this request.')).toBeVisible();
    await refuse.getByLabel('Reason').fill('Logistics stay in-house');
    await refuse.getByRole('button', { name: 'Refuse' }).click();
    await expect(ada.page.getByRole('form', { name: `Refuse ${name}` })).toHaveCount(0);
    await cora.page.goto('/requests');
    await expect(cora.page.getByRole('table', { name: 'Your access requests' })).toContainText(
      'Logistics stay in-house',
    );
  } finally {
    await openAccess(ada.page, 'Borealis');
    const revoke = ada.page.getByRole('form', { name: 'Revoke Finn Finance' });
    if (await revoke.count()) {
      await revoke.getByRole('button', { name: 'Revoke' }).click();
      await confirmInDialog(ada.page, 'Revoke Finn Finance');
    }
    await Promise.all([ada.context.close(), finn.context.close(), cora.context.close()]);
  }
});
