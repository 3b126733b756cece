import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { ActionForm } from '@/components/forms/action-form';
import { Badge, Card, PageHeader } from '@/components/ui/card';
import { FilterSelect, ListToolbar, Pager } from '@/components/ui/list-controls';
import { mayAdminister } from '@/lib/dal/guard';
import { searchAccessRequests } from '@/lib/dal/access-requests/search-access-requests';
import { requireSessionUser } from '@/lib/dal/account/read-session-user';
import { formatDate, ROLE_LABELS, SCOPE_LABELS } from '@/lib/labels';
import { parseListParams, withoutCursors } from '@/lib/list-query';
import { ACCESS_REQUEST_SORTS, accessRequestListSchema } from '@/lib/validations/lists';
import { decideAccessRequestAction } from './actions';

export const metadata: Metadata = { title: 'Access requests' };

/** The admin's queue of access requests: approve (the ordinary grant, with its NDA checks) or refuse. */
export default async function AdminAccessRequestsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requireSessionUser();
  if (!mayAdminister(user, 'access_request.decide')) notFound();
  // Open requests by default (what waits for a decision); the status filter shows the decided ones.
  const params = parseListParams(accessRequestListSchema, await searchParams);
  const page = await searchAccessRequests(user, params);
  const open = page.rows.filter((r) => r.status === 'open');
  const decided = page.rows.filter((r) => r.status !== 'open');
  return (
    <>
      <PageHeader
        title="Access requests"
        subtitle="Projects by codename, items by reference. A high-risk approval waits for the client when the client requires it."
      />
      <div className="space-y-6">
        <Card>
          <ListToolbar
            label="Search access requests"
            searchLabel="Search requests"
            placeholder="Person, project, client codename or reason"
            q={params.q}
            sorts={ACCESS_REQUEST_SORTS}
            sort={params.sort}
            dir={params.dir}
            resetHref="/admin/requests"
          >
            <FilterSelect
              label="Status"
              name="status"
              value={params.status}
              options={[
                { value: 'open', label: 'Open' },
                { value: 'approved', label: 'Approved' },
                { value: 'refused', label: 'Refused' },
                { value: 'any', label: 'Any status' },
              ]}
            />
          </ListToolbar>
          <Pager
            pathname="/admin/requests"
            params={withoutCursors(params)}
            page={page}
            label="Access request pages"
            count={page.rows.length}
          />
        </Card>
        {params.status === 'open' || params.status === 'any' ? (
          <Card title={`Open (${open.length}${page.next || page.prev ? ' on this page' : ''})`}>
            {open.length === 0 ? <p className="text-sm text-muted">Nothing to decide.</p> : null}
            <ul className="divide-y divide-line" aria-label="Open access requests">
              {open.map((r) => {
                const what =
                  r.item ??
                  `membership (${r.scopes.map((s) => SCOPE_LABELS[s as keyof typeof SCOPE_LABELS] ?? s).join(', ')})`;
                const name = `${r.requester}: ${what} in ${r.project}`;
                return (
                  <li key={r.id} className="space-y-2 py-3" data-testid="access-request">
                    <p className="text-sm">
                      <span className="font-medium">{r.requester}</span>{' '}
                      <span className="text-muted">({ROLE_LABELS[r.requesterRole]})</span> asks for {what} in{' '}
                      <span className="font-medium">{r.project}</span> <span className="text-muted">({r.owner})</span>{' '}
                      on {formatDate(r.createdAt)}: “{r.reason}”{' '}
                      {r.ndaOnFile ? (
                        <Badge tone="accent">NDA on file</Badge>
                      ) : (
                        <Badge tone="danger">No NDA covering this client</Badge>
                      )}
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
                          {
                            kind: 'date',
                            name: 'expiresAt',
                            label: r.requesterRole === 'contractor' ? 'Expires on (required)' : 'Expires on (optional)',
                          },
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
        ) : null}
        {params.status !== 'open' ? (
          <Card title="Decided">
            {decided.length === 0 ? <p className="text-sm text-muted">None yet.</p> : null}
            <ul className="divide-y divide-line text-sm">
              {decided.map((r) => (
                <li key={r.id} className="py-2">
                  {r.requester} — {r.item ?? 'membership'} in {r.project}:{' '}
                  <Badge tone={r.status === 'approved' ? 'accent' : 'danger'}>{r.status}</Badge>{' '}
                  <span className="text-muted">
                    by {r.decidedBy ?? '—'} on {formatDate(r.decidedAt)}
                    {r.decisionReason ? ` (“${r.decisionReason}”)` : ''}
                  </span>
                </li>
              ))}
            </ul>
          </Card>
        ) : null}
      </div>
    </>
  );
}
