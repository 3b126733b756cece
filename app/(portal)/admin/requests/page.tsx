import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { ActionForm } from '@/components/forms/action-form';
import { Badge, Card, PageHeader } from '@/components/ui/card';
import { mayAdminister } from '@/lib/dal/admin/guard';
import { listAccessRequests } from '@/lib/dal/admin/requests';
import { requireSessionUser } from '@/lib/dal/session';
import { formatDate, ROLE_LABELS, SCOPE_LABELS } from '@/lib/labels';
import { decideAccessRequestAction } from './actions';

export const metadata: Metadata = { title: 'Access requests' };

/** The admin's queue of access requests: approve (the ordinary grant, with its NDA checks) or refuse. */
export default async function AdminAccessRequestsPage() {
  const user = await requireSessionUser();
  if (!mayAdminister(user, 'access_request.decide')) notFound();
  const requests = await listAccessRequests(user);
  const open = requests.filter((r) => r.status === 'open');
  const decided = requests.filter((r) => r.status !== 'open');
  return (
    <>
      <PageHeader title="Access requests" subtitle="Projects by codename, items by reference. A high-risk approval waits for the client when the client requires it." />
      <div className="space-y-6">
        <Card title={`Open (${open.length})`}>
          {open.length === 0 ? <p className="text-sm text-muted">Nothing to decide.</p> : null}
          <ul className="divide-y divide-line" aria-label="Open access requests">
            {open.map((r) => {
              const what = r.item ?? `membership (${r.scopes.map((s) => SCOPE_LABELS[s as keyof typeof SCOPE_LABELS] ?? s).join(', ')})`;
              const name = `${r.requester}: ${what} in ${r.project}`;
              return (
                <li key={r.id} className="space-y-2 py-3" data-testid="access-request">
                  <p className="text-sm">
                    <span className="font-medium">{r.requester}</span> <span className="text-muted">({ROLE_LABELS[r.requesterRole]})</span> asks for {what} in{' '}
                    <span className="font-medium">{r.project}</span> <span className="text-muted">({r.owner})</span> on {formatDate(r.createdAt)}: “{r.reason}”{' '}
                    {r.ndaOnFile ? <Badge tone="accent">NDA on file</Badge> : <Badge tone="danger">No NDA covering this client</Badge>}
                  </p>
                  <div className="flex flex-wrap items-start gap-4">
                    <ActionForm
                      inline
                      label={`Approve ${name}`}
                      action={decideAccessRequestAction}
                      submitLabel="Approve"
                      fields={[
                        { kind: 'hidden', name: 'requestId', value: r.id },
                        { kind: 'hidden', name: 'decision', value: 'approve' },
                        { kind: 'date', name: 'expiresAt', label: r.requesterRole === 'contractor' ? 'Expires on (required)' : 'Expires on (optional)' },
                      ]}
                    />
                    <ActionForm
                      inline
                      label={`Refuse ${name}`}
                      action={decideAccessRequestAction}
                      submitLabel="Refuse"
                      variant="danger"
                      fields={[
                        { kind: 'hidden', name: 'requestId', value: r.id },
                        { kind: 'hidden', name: 'decision', value: 'refuse' },
                        { kind: 'text', name: 'reason', label: 'Reason' },
                      ]}
                    />
                  </div>
                </li>
              );
            })}
          </ul>
        </Card>
        <Card title="Decided">
          {decided.length === 0 ? <p className="text-sm text-muted">None yet.</p> : null}
          <ul className="divide-y divide-line text-sm">
            {decided.map((r) => (
              <li key={r.id} className="py-2">
                {r.requester} — {r.item ?? 'membership'} in {r.project}: <Badge tone={r.status === 'approved' ? 'accent' : 'danger'}>{r.status}</Badge>{' '}
                <span className="text-muted">by {r.decidedBy ?? '—'} on {formatDate(r.decidedAt)}{r.decisionReason ? ` (“${r.decisionReason}”)` : ''}</span>
              </li>
            ))}
          </ul>
        </Card>
      </div>
    </>
  );
}
