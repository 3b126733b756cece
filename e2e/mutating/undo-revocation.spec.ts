import { expect, test, type Page } from '@playwright/test';
import { demoUser, signedInContext } from '../helpers';
import { confirmInDialog } from '../confirm';

/*
 * Issue 16 point 1: a revocation can be undone for a minute. Ada revokes Finn's Aurora membership and removes Oscar
 * from a high-risk allowlist on Borealis; the row says what happened with an "Undo" button; undoing restores exactly
 * what was there (the person reads again on their next request). The minute's end is the policy's and the
 * database's (tests/unit/policy-table, tests/integration/revocation-undo), not timed here.
 */
test.describe.configure({ mode: 'serial' });

async function openProjectAccess(page: Page, codename: string) {
  await page.goto('/admin/projects');
  await page.getByRole('link', { name: codename, exact: true }).click();
  await expect(page.getByRole('heading', { name: `${codename}: access` })).toBeVisible();
}

test('revoking a membership offers Undo, and Undo gives the access back as it was', async ({ browser }) => {
  const ada = await signedInContext(browser, demoUser('ada'));
  const finn = await signedInContext(browser, demoUser('finn'));
  try {
    await finn.page.goto('/');
    const aurora = finn.page.getByRole('heading', { name: 'Aurora', exact: true });
    await expect(aurora).toBeVisible();

    await openProjectAccess(ada.page, 'Aurora');
    const members = ada.page.getByRole('table', { name: 'Members' });
    const activeRows = members
      .getByRole('row')
      .filter({ has: ada.page.getByRole('form', { name: 'Revoke Finn Finance' }) });
    await expect(activeRows).toHaveCount(1);
    const scopes = await activeRows.getByRole('cell').nth(2).innerText();
    await activeRows.getByRole('button', { name: 'Revoke' }).click();
    await confirmInDialog(ada.page, 'Revoke Finn Finance');

    const undo = ada.page.getByRole('form', { name: 'Undo the revocation of Finn Finance’s access' });
    await expect(undo).toBeVisible();
    await expect(members.getByTestId('undo-notice')).toContainText(
      'Finn Finance’s access revoked. You can undo this for a minute.',
    );
    await finn.page.reload();
    await expect(aurora).toHaveCount(0);

    await undo.getByRole('button', { name: 'Undo' }).click();
    const restored = members
      .getByRole('row')
      .filter({ has: ada.page.getByRole('form', { name: 'Revoke Finn Finance' }) });
    await expect(restored).toHaveCount(1);
    await expect(restored.getByRole('cell').nth(2)).toHaveText(scopes);
    await expect(undo).toHaveCount(0);
    await finn.page.reload();
    await expect(aurora).toBeVisible();

    // The audit log says it was an undo.
    await ada.page.goto('/admin/audit');
    await expect(ada.page.getByRole('main')).toContainText('membership.revoke_undone');
  } finally {
    await ada.context.close();
    await finn.context.close();
  }
});

test('removing someone from a high-risk allowlist offers Undo, and Undo lets them read again', async ({ browser }) => {
  const ada = await signedInContext(browser, demoUser('ada'));
  try {
    await openProjectAccess(ada.page, 'Borealis');
    const remove = ada.page.getByRole('form', { name: /^Remove Oscar Other from / }).first();
    const formName = (await remove.getAttribute('aria-label'))!;
    const item = formName.replace(/^Remove Oscar Other from /, '');
    await remove.getByRole('button', { name: 'Remove' }).click();
    await confirmInDialog(ada.page, 'Remove Oscar Other');
    const undo = ada.page.getByRole('form', { name: `Undo the removal of Oscar Other from ${item}` });
    await expect(undo).toBeVisible();
    await undo.getByRole('button', { name: 'Undo' }).click();
    await expect(ada.page.getByRole('form', { name: formName })).toHaveCount(1);
    await expect(undo).toHaveCount(0);
  } finally {
    await ada.context.close();
  }
});
