import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { PrivacyAdminTabs } from '@/components/privacy/admin-tabs';
import { StatusBadge, UrgencyBadge } from '@/components/privacy/status-badges';
import { Card, PageHeader } from '@/components/ui/card';
import { SelectField } from '@/components/ui/field';
import { Cell, Table } from '@/components/ui/table';
import { mayAdminister } from '@/lib/dal/admin/guard';
import { listPrivacyRequests } from '@/lib/dal/privacy/queue';
import { requireSessionUser } from '@/lib/dal/session';
import { formatDate, formatDateTime } from '@/lib/labels';
import { formatRequestRef, JURISDICTION_LABELS, REQUEST_KIND_SHORT, REQUEST_KINDS, REQUEST_STATUS_LABELS, REQUEST_STATUSES } from '@/lib/privacy/vocabulary';
import { queueFilterSchema } from '@/lib/validations/privacy';

export const metadata: Metadata = { title: 'Privacy requests' };

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/** The queue of rights requests, soonest due first, with the legal clock on every row. */
export default async function PrivacyQueuePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireSessionUser();
  if (!mayAdminister(user, 'privacy.manage')) notFound();
  const params = await searchParams;
  const parsed = queueFilterSchema.safeParse({ kind: first(params.kind), status: first(params.status), due: first(params.due) });
  const filter = parsed.success ? parsed.data : {};
  const rows = await listPrivacyRequests(user, filter);
  return (
    <>
      <PageHeader title="Privacy" subtitle="Rights requests with their legal clocks, policy versions, and retention." />
      <PrivacyAdminTabs current="/admin/privacy" />
      <Card title="Requests">
        <form method="get" aria-label="Filter requests" className="mb-4 grid gap-3 sm:grid-cols-4 sm:items-end">
          <SelectField name="kind" label="Kind" defaultValue={filter.kind ?? ''} options={[{ value: '', label: 'All kinds' }, ...REQUEST_KINDS.map((k) => ({ value: k, label: REQUEST_KIND_SHORT[k] }))]} />
          <SelectField name="status" label="Status" defaultValue={filter.status ?? ''} options={[{ value: '', label: 'All statuses' }, ...REQUEST_STATUSES.map((s) => ({ value: s, label: REQUEST_STATUS_LABELS[s] }))]} />
          <SelectField name="due" label="Due" defaultValue={filter.due ?? ''} options={[{ value: '', label: 'Any time' }, { value: 'open', label: 'Open requests' }, { value: 'due_soon', label: 'Due within 7 days' }, { value: 'overdue', label: 'Overdue' }]} />
          <button type="submit" className="rounded-md border border-line bg-white px-3.5 py-2 text-sm font-medium hover:bg-paper">Filter</button>
        </form>
        {rows.length === 0 ? (
          <p className="text-sm text-muted">No requests match.</p>
        ) : (
          <Table caption="Privacy requests" headers={['Reference', 'Kind', 'Law', 'Person', 'Status', 'Received', 'Due', '']}>
            {rows.map((r) => (
              <tr key={r.id} data-urgency={r.urgency ?? 'closed'} className={r.urgency === 'overdue' ? 'bg-danger/5' : r.urgency === 'due_soon' ? 'bg-accent/5' : ''}>
                <Cell className="font-mono text-xs"><Link href={`/admin/privacy/requests/${r.id}`} className="text-accent underline">{formatRequestRef(r.ref)}</Link></Cell>
                <Cell>{REQUEST_KIND_SHORT[r.kind]}{r.agent ? <span className="text-muted"> · agent</span> : null}</Cell>
                <Cell className="text-muted">{JURISDICTION_LABELS[r.jurisdiction]}</Cell>
                <Cell>{r.subject}</Cell>
                <Cell><StatusBadge status={r.status} /></Cell>
                <Cell>{formatDateTime(r.receivedAt)}</Cell>
                <Cell>
                  <span className="whitespace-nowrap">{formatDate(r.dueOn)}</span>{r.extended ? <span className="text-muted"> (extended)</span> : null}
                  {r.ackDueOn && !r.acknowledged ? <span className="block text-xs text-muted">acknowledge by {formatDate(r.ackDueOn)}</span> : null}
                </Cell>
                <Cell><UrgencyBadge urgency={r.urgency} /></Cell>
              </tr>
            ))}
          </Table>
        )}
      </Card>
    </>
  );
}
