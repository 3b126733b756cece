import type { Metadata } from 'next';
import { AuthShell } from '@/components/account/auth-shell';
import { ActionForm } from '@/components/forms/action-form';
import { forgotPasswordAction } from './actions';

export const metadata: Metadata = { title: 'Forgot your password?' };

export default function ForgotPasswordPage() {
  return (
    <AuthShell
      title="Forgot your password?"
      intro="Enter the email address of your account. We will send it a link to set a new password."
    >
      <ActionForm
        label="Send a reset link"
        action={forgotPasswordAction}
        submitLabel="Send the link"
        pendingLabel="Sending…"
        fields={[{ kind: 'email', name: 'email', label: 'Email', required: true }]}
      />
      <p className="mt-6 text-sm">
        <a href="/sign-in" className="text-accent hover:underline">
          Back to sign in
        </a>
      </p>
    </AuthShell>
  );
}
