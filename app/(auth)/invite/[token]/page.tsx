import type { Metadata } from 'next';
import { ActionForm } from '@/components/forms/action-form';
import { findOpenInvitation, INVALID_INVITATION } from '@/lib/dal/people/find-open-invitation';
import { acceptInvitationAction } from './actions';

export const metadata: Metadata = { title: 'Accept your invitation' };

export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const invitation = token.length <= 200 ? await findOpenInvitation(token) : null;
  return (
    <main id="main" className="mx-auto flex min-h-screen max-w-sm flex-col justify-center px-4">
      <p className="text-sm font-semibold uppercase tracking-widest text-accent">Clearance</p>
      {!invitation ? (
        <>
          <h1 className="mt-2 text-2xl font-semibold">Invitation</h1>
          <p className="mt-2 text-sm text-muted">{INVALID_INVITATION}</p>
        </>
      ) : (
        <>
          <h1 className="mt-2 text-2xl font-semibold">Welcome, {invitation.name}</h1>
          <p className="mt-1 mb-6 text-sm text-muted">
            Set a password for {invitation.email} to finish creating your account.
          </p>
          <ActionForm
            label="Accept invitation"
            action={acceptInvitationAction}
            submitLabel="Create my account"
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
              {
                kind: 'checkboxes',
                name: 'ofAge',
                label: 'Age',
                options: [{ value: 'on', label: 'I confirm I am 18 or older' }],
              },
            ]}
          />
        </>
      )}
    </main>
  );
}
