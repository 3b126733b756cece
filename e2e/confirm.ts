import { expect, type Page } from '@playwright/test';

/**
 * An irreversible act asks first (components/ui/confirm-submit.tsx): after its button is clicked, the dialog is
 * open with the focus on Cancel; this confirms it with the dialog's own button.
 */
export async function confirmInDialog(page: Page, confirmLabel: string): Promise<void> {
  const dialog = page.getByRole('dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await dialog.getByRole('button', { name: confirmLabel, exact: true }).click();
}
