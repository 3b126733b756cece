import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { ActionForm } from '@/components/forms/action-form';
import { Badge, Card, PageHeader } from '@/components/ui/card';
import { Cell, Table } from '@/components/ui/table';
import { SCOPES } from '@/lib/authz/types';
import { isAgency } from '@/lib/authz';
import { getAccessRequestOptions } from '@/lib/dal/access-requests/get-access-request-options';
import { listMyAccessRequests } from '@/lib/dal/access-requests/list-my-access-requests';
import { requireSessionUser } from '@/lib/dal/account/read-session-user';
import { formatDate, SCOPE_LABELS } from '@/lib/labels';
import { createAccessRequestAction } from './actions';

export const metadata: Metadata = { title: 'Ask for access' };

/** Staff and contractors ask an administrator for membership of a project, or for one high-risk item. */
export default async function AccessRequestsPage() {
  const user = await requireSessionUser();
  if (!isAgency(user.role)) notFound();
  const [options, mine] = await Promise.all([getAccessRequestOptions(user), listMyAccessRequests(user)]);
  return (
    <>
      <PageHeader
        title="Ask for access"
        subtitle="An access administrator decides. NDA checks apply; high-risk access may also need the client’s approval."
      />
      <div className="grid gap-6 lg:grid-cols-2">
        <Card title="Membership of a project">
          {options.projects.length === 0 ? (
            <p className="text-sm text-muted">
              You need a signed NDA on file before you can ask for access. Ask your access administrator.
            </p>
          ) : (
            <ActionForm
              label="Ask for membership"
              once
              action={createAccessRequestAction}
              submitLabel="Ask for membership"
              fields={[
                { kind: 'hidden', name: 'kind', value: 'membership' },
                {
                  kind: 'select',
                  name: 'projectId',
                  label: 'Project',
                  options: options.projects.map((p) => ({ value: p.id, label: p.codename })),
                },
                {
                  kind: 'checkboxes',
                  name: 'scopes',
                  label: 'Scopes',
                  options: SCOPES.map((s) => ({ value: s, label: SCOPE_LABELS[s] })),
                },
                { kind: 'textarea', name: 'reason', label: 'Why you need it', required: true },
              ]}
            />
          )}
        </Card>
        <Card title="A high-risk item">
          {options.items.length === 0 ? (
            <p className="text-sm text-muted">
              No high-risk items you could be added to: you ask for those of your own projects, within your scopes.
            </p>
          ) : (
            <ActionForm
              label="Ask for a high-risk item"
              once
              action={createAccessRequestAction}
              submitLabel="Ask for this item"
              fields={[
                { kind: 'hidden', name: 'kind', value: 'high_risk_item' },
                {
                  kind: 'select',
                  name: 'itemId',
                  label: 'Item',
                  options: options.items.map((i) => ({ value: i.id, label: i.label })),
                },
                { kind: 'textarea', name: 'reason', label: 'Why you need it', required: true },
              ]}
            />
          )}
        </Card>
      </div>
      <div className="mt-6">
        <Card title="Your requests">
          {mine.length === 0 ? (
            <p className="text-sm text-muted">None yet.</p>
          ) : (
            <Table headers={['Asked', 'Project', 'For', 'Reason', 'Status']} caption="Your access requests">
              {mine.map((r) => (
                <tr key={r.id}>
                  <Cell>{formatDate(r.createdAt)}</Cell>
                  <Cell>{r.project}</Cell>
                  <Cell>
                    {r.item ??
                      `Membership (${r.scopes.map((s) => SCOPE_LABELS[s as keyof typeof SCOPE_LABELS] ?? s).join(', ')})`}
                  </Cell>
                  <Cell>{r.reason}</Cell>
                  <Cell>
                    <Badge tone={r.status === 'approved' ? 'accent' : r.status === 'refused' ? 'danger' : 'neutral'}>
                      {r.status}
                    </Badge>
                    {r.decisionReason ? <span className="ml-1 text-xs text-muted">“{r.decisionReason}”</span> : null}
                  </Cell>
                </tr>
              ))}
            </Table>
          )}
        </Card>
      </div>
    </>
  );
}
