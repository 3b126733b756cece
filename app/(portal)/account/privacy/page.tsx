import type { Metadata } from 'next';
import Link from 'next/link';
import { ActionForm } from '@/components/forms/action-form';
import { StatusBadge } from '@/components/privacy/status-badges';
import { Card, PageHeader } from '@/components/ui/card';
import { Cell, Table } from '@/components/ui/table';
import { accountConsents } from '@/lib/dal/privacy/list-account-consents';
import { listOwnRequests } from '@/lib/dal/privacy/list-own-requests';
import { requireSessionUser } from '@/lib/dal/account/read-session-user';
import { formatDate, formatDateTime } from '@/lib/labels';
import {
  formatRequestRef,
  REQUEST_KIND_LABELS,
  REQUEST_KIND_SHORT,
  REQUEST_KINDS,
  RESIDENCE_KEYS,
  RESIDENCES,
} from '@/lib/privacy/vocabulary';
import { setMarketingEmailAction, submitAccountPrivacyRequestAction } from './actions';

export const metadata: Metadata = { title: 'My privacy' };

const PURPOSE_LABELS = {
  marketing_email: 'Marketing emails',
  sale_sharing: 'Sale or sharing of my data',
  sensitive_use: 'Use of sensitive data',
} as const;

export default async function AccountPrivacyPage() {
  const user = await requireSessionUser();
  const [requests, consents] = await Promise.all([listOwnRequests(user), accountConsents(user)]);
  const marketing = consents.find((c) => c.purpose === 'marketing_email');
  return (
    <>
      <PageHeader
        title="My privacy"
        subtitle={
          <>
            Your rights requests and choices. Read the{' '}
            <Link href="/privacy" className="underline">
              privacy policy
            </Link>
            .
          </>
        }
      />
      <div className="grid gap-6 lg:grid-cols-3">
        <div className="space-y-6 lg:col-span-2">
          <Card title="My requests">
            {requests.length === 0 ? (
              <p className="text-sm text-muted">No requests yet.</p>
            ) : (
              <Table
                caption="My requests"
                headers={['Reference', 'Request', 'Status', 'Received', 'Answer due', 'Notes']}
              >
                {requests.map((r) => (
                  <tr key={r.id}>
                    <Cell className="font-mono text-xs">{formatRequestRef(r.ref)}</Cell>
                    <Cell>{REQUEST_KIND_SHORT[r.kind]}</Cell>
                    <Cell>
                      <StatusBadge status={r.status} />
                    </Cell>
                    <Cell>{formatDateTime(r.receivedAt)}</Cell>
                    <Cell>{formatDate(r.dueOn)}</Cell>
                    <Cell className="text-muted">
                      {r.refusalReason ?? (r.extensionReason ? `Extended: ${r.extensionReason}` : '')}
                    </Cell>
                  </tr>
                ))}
              </Table>
            )}
          </Card>
          <Card title="Your choices">
            <Table caption="Your choices" headers={['Purpose', 'Your choice', 'Since']}>
              {consents.map((c) => (
                <tr key={c.purpose}>
                  <Cell>{PURPOSE_LABELS[c.purpose]}</Cell>
                  <Cell>
                    {c.decision === 'granted' ? 'Allowed' : c.decision === 'denied' ? 'Refused' : 'Not asked (off)'}
                  </Cell>
                  <Cell>{c.at ? formatDateTime(c.at) : '—'}</Cell>
                </tr>
              ))}
            </Table>
            <div className="mt-4">
              <ActionForm
                inline
                label="Marketing emails"
                action={setMarketingEmailAction}
                fields={[
                  { kind: 'hidden', name: 'decision', value: marketing?.decision === 'granted' ? 'denied' : 'granted' },
                ]}
                submitLabel={marketing?.decision === 'granted' ? 'Stop marketing emails' : 'Receive marketing emails'}
                variant="secondary"
              />
            </div>
          </Card>
        </div>
        <Card title="Make a request">
          <ActionForm
            label="Make a privacy request"
            once
            action={submitAccountPrivacyRequestAction}
            submitLabel="Send request"
            pendingLabel="Sending…"
            fields={[
              {
                kind: 'select',
                name: 'kind',
                label: 'What are you asking for?',
                defaultValue: 'access',
                options: REQUEST_KINDS.map((k) => ({ value: k, label: REQUEST_KIND_LABELS[k] })),
              },
              {
                kind: 'select',
                name: 'residence',
                label: 'Where do you live?',
                defaultValue: 'eea',
                options: RESIDENCE_KEYS.map((k) => ({ value: k, label: RESIDENCES[k].label })),
              },
              {
                kind: 'textarea',
                name: 'details',
                label: 'Details (optional)',
                hint: 'For a correction, say what is wrong and what it should say.',
              },
              {
                kind: 'password',
                name: 'password',
                label: 'Your password',
                required: true,
                hint: 'Entered again to confirm the request is yours.',
              },
            ]}
          />
        </Card>
      </div>
    </>
  );
}
