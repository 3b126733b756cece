'use server';

import { revalidatePath } from 'next/cache';
import { signOut } from '@/auth';
import { signedInAction } from '@/lib/actions/action';
import { changePassword } from '@/lib/dal/account/change-password';
import { signOutEverywhere } from '@/lib/dal/account/sign-out-everywhere';
import { confirmTwoFactorSetup } from '@/lib/dal/account/confirm-two-factor-setup';
import { disableTwoFactor } from '@/lib/dal/account/disable-two-factor';
import { regenerateRecoveryCodes } from '@/lib/dal/account/regenerate-recovery-codes';
import { startTwoFactorSetup } from '@/lib/dal/account/start-two-factor-setup';
import {
  authenticationCodeSchema,
  changePasswordSchema,
  credentialSchema,
  noInputSchema,
} from '@/lib/validations/account';

const PAGE = '/account/security';

/** Ends every session of the account, this one included: back to sign-in. */
export const signOutEverywhereAction = signedInAction(noInputSchema, async (_input, { user, meta }) => {
  await signOutEverywhere(user, meta);
  await signOut({ redirectTo: '/sign-in' });
  return { ok: true, message: 'Signed out everywhere.' };
});

export const changePasswordAction = signedInAction(changePasswordSchema, async (input, { user, meta }) => {
  await changePassword(user, { currentPassword: input.currentPassword, newPassword: input.newPassword }, meta);
  revalidatePath(PAGE);
  return { ok: true, message: 'Password changed. Every other session has been signed out.' };
});

export const startTwoFactorSetupAction = signedInAction(credentialSchema, async (input, { user, meta }) => {
  await startTwoFactorSetup(user, input.credential, meta);
  revalidatePath(PAGE);
  return { ok: true, message: 'Scan the new code with your authenticator app.' };
});

// The two actions that make recovery codes do not revalidate the page: the codes live only in the form's
// state, and a re-render would replace the form before they were read.
export const confirmTwoFactorSetupAction = signedInAction(authenticationCodeSchema, async (input, { user, meta }) => {
  const codes = await confirmTwoFactorSetup(user, input.code, meta);
  return {
    ok: true,
    message: 'Two-factor authentication is on. Every other session has been signed out.',
    data: { codes: codes.join(' ') },
  };
});

export const regenerateRecoveryCodesAction = signedInAction(credentialSchema, async (input, { user, meta }) => {
  const codes = await regenerateRecoveryCodes(user, input.credential, meta);
  return {
    ok: true,
    message: 'New recovery codes made; the old ones no longer work. Every other session has been signed out.',
    data: { codes: codes.join(' ') },
  };
});

export const disableTwoFactorAction = signedInAction(credentialSchema, async (input, { user, meta }) => {
  await disableTwoFactor(user, input.credential, meta);
  revalidatePath(PAGE);
  return { ok: true, message: 'Two-factor authentication is off. Every other session has been signed out.' };
});
