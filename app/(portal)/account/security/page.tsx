import type { Metadata } from 'next';
import { TotpSetup } from '@/components/account/totp-setup';
import { ActionForm } from '@/components/forms/action-form';
import { Badge, Card, PageHeader } from '@/components/ui/card';
import { Cell, Table } from '@/components/ui/table';
import { qrSvg } from '@/lib/auth/qr';
import { listActiveSessions } from '@/lib/dal/account/list-active-sessions';
import { twoFactorStatus } from '@/lib/dal/account/read-two-factor-status';
import { requireSessionUser } from '@/lib/dal/account/read-session-user';
import { formatDateTime } from '@/lib/labels';
import {
  changePasswordAction,
  confirmTwoFactorSetupAction,
  disableTwoFactorAction,
  regenerateRecoveryCodesAction,
  signOutEverywhereAction,
  startTwoFactorSetupAction,
} from './actions';
import { CodesForm } from './codes-form';

export const metadata: Metadata = { title: 'Account security' };

const reauth = {
  name: 'credential',
  label: 'Password or authentication code',
  type: 'password',
  hint: 'Your current password, or a code from your authenticator app.',
} as const;

export default async function AccountSecurityPage() {
  const user = await requireSessionUser();
  const [sessions, twoFactor] = await Promise.all([listActiveSessions(user), twoFactorStatus(user)]);
  return (
    <>
      <PageHeader title="Account security" subtitle={`Signed in as ${user.email}.`} />
      <div className="space-y-6">
        <Card title="Active sessions">
          <Table caption="Active sessions" headers={['Signed in', 'IP address', 'Browser', '']}>
            {sessions.map((s) => (
              <tr key={s.id}>
                <Cell>{formatDateTime(s.createdAt)}</Cell>
                <Cell>{s.ip ?? 'unknown'}</Cell>
                <Cell className="max-w-md break-words text-muted">{s.userAgent ?? 'unknown'}</Cell>
                <Cell>{s.current ? <Badge tone="accent">This session</Badge> : null}</Cell>
              </tr>
            ))}
          </Table>
          <div className="mt-4">
            <ActionForm
              label="Sign out everywhere"
              action={signOutEverywhereAction}
              fields={[]}
              submitLabel="Sign out everywhere"
              variant="danger"
            />
          </div>
        </Card>

        <Card title="Password">
          <ActionForm
            label="Change password"
            action={changePasswordAction}
            submitLabel="Change password"
            pendingLabel="Saving…"
            fields={[
              { kind: 'password', name: 'currentPassword', label: 'Current password', required: true },
              {
                kind: 'password',
                name: 'newPassword',
                label: 'New password',
                required: true,
                hint: 'At least 12 characters. Your other sessions will end.',
              },
              { kind: 'password', name: 'confirmPassword', label: 'Confirm new password', required: true },
            ]}
          />
        </Card>

        <Card
          title="Two-factor authentication"
          actions={<Badge tone={twoFactor.enabled ? 'accent' : 'danger'}>{twoFactor.enabled ? 'On' : 'Off'}</Badge>}
        >
          <div className="space-y-6">
            <p className="text-sm text-muted" data-testid="two-factor-status">
              {twoFactor.enabled
                ? `Two-factor authentication is on. ${twoFactor.recoveryCodesLeft} unused recovery codes left.`
                : 'Two-factor authentication is off.'}{' '}
              {twoFactor.required ? 'Your role requires it.' : 'It is optional for your account, and recommended.'}
            </p>
            {twoFactor.pending ? (
              <section aria-label="Confirm the new authenticator" className="space-y-4">
                <TotpSetup qrSvg={await qrSvg(twoFactor.pending.uri)} secret={twoFactor.pending.secret} />
                <CodesForm
                  action={confirmTwoFactorSetupAction}
                  label="Confirm two-factor"
                  field={{ name: 'code', label: 'Authentication code', type: 'text' }}
                  submitLabel="Turn on two-factor"
                />
              </section>
            ) : (
              <CodesForm
                action={startTwoFactorSetupAction}
                label={twoFactor.enabled ? 'Reset two-factor' : 'Set up two-factor'}
                field={reauth}
                submitLabel={twoFactor.enabled ? 'Reset two-factor' : 'Set up two-factor'}
              />
            )}
            {twoFactor.enabled ? (
              <CodesForm
                action={regenerateRecoveryCodesAction}
                label="New recovery codes"
                field={reauth}
                submitLabel="Make new recovery codes"
                variant="secondary"
              />
            ) : null}
            {twoFactor.enabled && !twoFactor.required ? (
              <CodesForm
                action={disableTwoFactorAction}
                label="Turn off two-factor"
                field={reauth}
                submitLabel="Turn off two-factor"
                variant="danger"
              />
            ) : null}
          </div>
        </Card>
      </div>
    </>
  );
}
