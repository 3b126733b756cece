import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { ActionForm } from '@/components/forms/action-form';
import { Badge, Card, PageHeader } from '@/components/ui/card';
import { Cell, Table } from '@/components/ui/table';
import { KIND_LABELS, PUBLIC_USE_KINDS } from '@/lib/public-use/texts';
import { getProjectAuthorizations } from '@/lib/dal/public-use/get-project-authorizations';
import { requireSessionUser } from '@/lib/dal/account/read-session-user';
import { formatDate } from '@/lib/labels';
import { parseId } from '@/lib/validations/ids';
import { requestAuthorizationAction, revokeAuthorizationAction } from './actions';

export const metadata: Metadata = { title: 'Authorizations' };

const STATE_TONE = { 'in force': 'accent', requested: 'neutral', none: 'neutral' } as const;

/** docs/product.md §5 for one project: the status of each public use; requests, records, and asking for one. */
export default async function ProjectAuthorizationsPage({ params }: { params: Promise<{ projectId: string }> }) {
  const user = await requireSessionUser();
  const projectId = parseId((await params).projectId);
  const view = projectId ? await getProjectAuthorizations(user, projectId) : null;
  if (!view) notFound();
  const base = `/projects/${view.project.id}/authorizations`;
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href={`/projects/${view.project.id}`} className="text-accent hover:underline">
          ← {view.project.codename}
        </Link>
      </p>
      <PageHeader
        title={`${view.project.codename}: written authorizations`}
        subtitle="Nothing about this engagement is made public without the client’s signed permission."
      />
      <div className="grid gap-6 lg:grid-cols-3">
        <div className="space-y-6 lg:col-span-2">
          <Card title="Status">
            {view.zeroPublicAssociation ? (
              <p className="mb-3 rounded-md bg-danger/5 p-3 text-sm text-danger" data-testid="zero-association-notice">
                The client demands zero public association: no public use, and no requests.
              </p>
            ) : null}
            <Table headers={['Public use', 'Status', 'Until']} caption="Authorization status">
              {view.status.map((s) => (
                <tr key={s.kind}>
                  <Cell>{KIND_LABELS[s.kind]}</Cell>
                  <Cell>
                    <Badge tone={STATE_TONE[s.state]}>{s.state}</Badge>
                  </Cell>
                  <Cell>{s.state === 'in force' ? (s.until ? formatDate(s.until) : 'until revoked') : '—'}</Cell>
                </tr>
              ))}
            </Table>
          </Card>
          <Card title="Requests">
            {view.requests.length === 0 ? <p className="text-sm text-muted">No requests yet.</p> : null}
            <ul className="divide-y divide-line" aria-label="Authorization requests">
              {view.requests.map((r) => (
                <li key={r.id} className="flex flex-wrap items-center justify-between gap-2 py-2.5 text-sm">
                  <span>
                    <span className="font-medium">{KIND_LABELS[r.kind]}</span>
                    {r.publicTitle ? <> — “{r.publicTitle}”</> : null}{' '}
                    <span className="text-muted">
                      asked by {r.requestedBy} on {formatDate(r.requestedAt)}
                    </span>
                  </span>
                  <span className="flex items-center gap-3">
                    <Badge tone={r.state === 'signed' ? 'accent' : r.state === 'open' ? 'neutral' : 'danger'}>
                      {r.state}
                    </Badge>
                    {view.maySeeRecords ? (
                      <Link href={`${base}/requests/${r.id}`} className="text-accent hover:underline">
                        {view.mayDecide && r.state === 'open' ? 'Read and decide' : 'Read'}
                      </Link>
                    ) : null}
                  </span>
                </li>
              ))}
            </ul>
          </Card>
          {view.maySeeRecords ? (
            <Card title="Signed records">
              <Table
                headers={['Kind', 'Record', 'Date', 'By', 'Public title', 'In force', '']}
                caption="Signed records"
              >
                {view.records.map((r) => (
                  <tr key={r.id}>
                    <Cell>{KIND_LABELS[r.kind]}</Cell>
                    <Cell>
                      {r.outcome}
                      {r.reason ? <span className="block text-xs text-muted">“{r.reason}”</span> : null}
                    </Cell>
                    <Cell>{formatDate(r.at)}</Cell>
                    <Cell>{r.signerName}</Cell>
                    <Cell>{r.publicTitle ?? '—'}</Cell>
                    <Cell>
                      {r.outcome === 'signed'
                        ? r.inForce
                          ? 'yes'
                          : r.revokedAt
                            ? `revoked ${formatDate(r.revokedAt)}`
                            : 'expired'
                        : ''}
                    </Cell>
                    <Cell>
                      <span className="flex flex-wrap gap-2">
                        <a href={`${base}/records/${r.id}`} className="text-accent hover:underline" download>
                          Download
                        </a>
                        {user.role === 'client' ? (
                          r.inForce ? (
                            <ActionForm
                              inline
                              label={`Revoke ${KIND_LABELS[r.kind]} of ${formatDate(r.at)}`}
                              action={revokeAuthorizationAction}
                              submitLabel="Revoke"
                              variant="danger"
                              confirm={{
                                title: `Revoke the ${KIND_LABELS[r.kind].toLowerCase()} signed on ${formatDate(r.at)}?`,
                                description: `MM Group may no longer use ${r.publicTitle ? `“${r.publicTitle}”` : 'this'} publicly from now on, and the requester and the project's leads are told. The signed record stays in the history. A revocation cannot be undone: using it again would need a new request and a new signature.`,
                                confirmLabel: 'Revoke the authorization',
                              }}
                              fields={[
                                { kind: 'hidden', name: 'recordId', value: r.id },
                                { kind: 'text', name: 'reason', label: 'Reason' },
                              ]}
                            />
                          ) : null
                        ) : null}
                      </span>
                    </Cell>
                  </tr>
                ))}
              </Table>
            </Card>
          ) : (
            <p className="text-sm text-muted">
              The texts name the client: only the client and people with the client identity scope read them.
            </p>
          )}
        </div>
        <Card title="Ask the client">
          {view.mayRequest ? (
            <ActionForm
              label="Request an authorization"
              once
              action={requestAuthorizationAction}
              submitLabel="Send the request"
              fields={[
                { kind: 'hidden', name: 'projectId', value: view.project.id },
                {
                  kind: 'select',
                  name: 'kind',
                  label: 'Public use',
                  options: PUBLIC_USE_KINDS.map((k) => ({ value: k, label: KIND_LABELS[k] })),
                },
                { kind: 'text', name: 'publicTitle', label: 'Exact public title', required: true },
                {
                  kind: 'textarea',
                  name: 'publicSummary',
                  label: 'Exact public summary',
                  hint: 'Published word for word, nothing else.',
                  required: true,
                },
                { kind: 'date', name: 'expiresAt', label: 'Ends on (optional)' },
              ]}
            />
          ) : (
            <p className="text-sm text-muted" data-testid="request-blocked">
              {view.requestBlocked ??
                (user.role === 'client'
                  ? 'MM Group staff ask you here; you read the exact text, then sign or refuse it.'
                  : 'Only the project lead or someone with the client identity scope can ask.')}
            </p>
          )}
        </Card>
      </div>
    </>
  );
}
