import type { Metadata } from 'next';
import { AuthShell, StartAgain } from '@/components/account/auth-shell';
import { ActionForm } from '@/components/forms/action-form';
import { INVALID_RESET_LINK } from '@/lib/auth/messages';
import { isOpenResetLink } from '@/lib/dal/account/check-reset-link';
import { resetPasswordAction } from './actions';

export const metadata: Metadata = { title: 'Set a new password' };

export default async function ResetPasswordPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const open = token.length >= 20 && token.length <= 200 && (await isOpenResetLink(token));
  return (
    <AuthShell
      title="Set a new password"
      intro={open ? 'Choose a new password. Every device signed in to your account will be signed out.' : undefined}
    >
      {open ? (
        <ActionForm
          label="Set a new password"
          action={resetPasswordAction}
          submitLabel="Set new password"
          pendingLabel="Saving…"
          fields={[
            { kind: 'hidden', name: 'token', value: token },
            {
              kind: 'password',
              name: 'password',
              label: 'New password',
              required: true,
              hint: 'At least 12 characters.',
            },
            { kind: 'password', name: 'confirmPassword', label: 'Confirm password', required: true },
          ]}
        />
      ) : (
        <StartAgain message={INVALID_RESET_LINK} href="/sign-in/forgot" label="Ask for a new link" />
      )}
    </AuthShell>
  );
}
