import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { ActionForm } from '@/components/forms/action-form';
import { Badge, Card, PageHeader } from '@/components/ui/card';
import { Cell, Table } from '@/components/ui/table';
import { KIND_LABELS } from '@/lib/public-use/texts';
import { listPendingGrants } from '@/lib/dal/approvals/list-pending-grants';
import { listPendingHandoverChanges } from '@/lib/dal/handover/list-pending-handover-changes';
import { getClientPermissions } from '@/lib/dal/clients/get-client-permissions';
import { requireSessionUser } from '@/lib/dal/account/read-session-user';
import { formatDate } from '@/lib/labels';
import { setApprovalSettingAction } from './actions';
import { PendingGrants } from './pending-grants';
import { PendingHandoverChanges } from './pending-handover-changes';
import { ZeroAssociationCard } from './zero-association';

export const metadata: Metadata = { title: 'Permissions' };

/** A client's permissions: who may see their data, approvals, authorizations and zero public association. */
export default async function ClientPermissionsPage() {
  const user = await requireSessionUser();
  if (user.role !== 'client') notFound();
  const [accounts, pending, changes] = await Promise.all([
    getClientPermissions(user),
    listPendingGrants(user),
    listPendingHandoverChanges(user),
  ]);
  return (
    <>
      <PageHeader
        title="Your permissions"
        subtitle="Decide who may see your data and how MM Group may speak of you in public. Every decision is recorded."
      />
      <div className="space-y-6">
        <PendingGrants grants={pending} />
        <PendingHandoverChanges changes={changes} />
        {accounts.map((account) => (
          <section key={account.id} aria-label={account.name} className="space-y-6">
            <h2 className="text-lg font-semibold">{account.name}</h2>
            <div className="grid gap-6 lg:grid-cols-2">
              <Card title="Approval of high-risk access">
                <p className="text-sm" data-testid="approval-state">
                  {account.requiresHighRiskApproval
                    ? 'On: a grant of high-risk access to your items gives no access until you approve it.'
                    : 'Off: high-risk access granted by an administrator starts at once (you still see it on each project).'}
                </p>
                <div className="mt-3">
                  <ActionForm
                    inline
                    label="Approval of high-risk access"
                    action={setApprovalSettingAction}
                    submitLabel={
                      account.requiresHighRiskApproval ? 'Stop requiring my approval' : 'Require my approval'
                    }
                    variant="secondary"
                    fields={[
                      { kind: 'hidden', name: 'clientAccountId', value: account.id },
                      { kind: 'hidden', name: 'required', value: account.requiresHighRiskApproval ? 'off' : 'on' },
                    ]}
                  />
                </div>
              </Card>
              <ZeroAssociationCard account={account} signer={user.name} />
            </div>
            <Card title="Your projects">
              <ul className="divide-y divide-line">
                {account.projects.map((p) => (
                  <li key={p.id} className="flex flex-wrap items-center justify-between gap-2 py-2.5">
                    <Link href={`/projects/${p.id}`} className="font-medium text-accent hover:underline">
                      {p.codename}
                    </Link>
                    <span className="flex gap-4 text-sm">
                      <Link href={`/projects/${p.id}/people`} className="text-accent hover:underline">
                        Who can see it
                      </Link>
                      <Link href={`/client/history?projectId=${p.id}`} className="text-accent hover:underline">
                        Who did
                      </Link>
                      <Link href={`/projects/${p.id}/authorizations`} className="text-accent hover:underline">
                        Authorizations
                      </Link>
                    </span>
                  </li>
                ))}
              </ul>
            </Card>
            <Card title="Authorizations waiting for you">
              {account.openRequests.length === 0 ? <p className="text-sm text-muted">None.</p> : null}
              <ul className="divide-y divide-line">
                {account.openRequests.map((r) => (
                  <li key={r.id} className="flex flex-wrap items-center justify-between gap-2 py-2.5 text-sm">
                    <span>
                      {KIND_LABELS[r.kind]} for {r.project}, asked on {formatDate(r.requestedAt)}
                    </span>
                    <Link
                      href={`/projects/${r.projectId}/authorizations/requests/${r.id}`}
                      className="text-accent hover:underline"
                    >
                      Read and decide
                    </Link>
                  </li>
                ))}
              </ul>
            </Card>
            <Card title="Your signed records">
              <Table
                headers={['Kind', 'Project', 'Record', 'Date', 'Signed by', 'Status', '']}
                caption={`Signed records of ${account.name}`}
              >
                {account.records.map((r) => (
                  <tr key={r.id}>
                    <Cell>{KIND_LABELS[r.kind]}</Cell>
                    <Cell>{r.project ?? 'Whole account'}</Cell>
                    <Cell>{r.outcome}</Cell>
                    <Cell>{formatDate(r.at)}</Cell>
                    <Cell>{r.signerName}</Cell>
                    <Cell>
                      {r.outcome === 'signed' ? (
                        <Badge tone={r.inForce ? 'accent' : 'neutral'}>{r.inForce ? 'in force' : 'ended'}</Badge>
                      ) : null}
                    </Cell>
                    <Cell>
                      <a href={`/client/records/${r.id}`} className="text-accent hover:underline" download>
                        Download
                      </a>
                    </Cell>
                  </tr>
                ))}
              </Table>
            </Card>
          </section>
        ))}
      </div>
    </>
  );
}
