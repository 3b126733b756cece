import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { PrivacyAdminTabs } from '@/components/privacy/admin-tabs';
import { StatusBadge, UrgencyBadge } from '@/components/privacy/status-badges';
import { Card, PageHeader } from '@/components/ui/card';
import { FilterSelect, ListToolbar, Pager } from '@/components/ui/list-controls';
import { Cell, Table } from '@/components/ui/table';
import { mayAdminister } from '@/lib/dal/guard';
import { searchPrivacyRequests } from '@/lib/dal/privacy/search-privacy-requests';
import { requireSessionUser } from '@/lib/dal/account/read-session-user';
import { formatDate, formatDateTime } from '@/lib/labels';
import {
  formatRequestRef,
  JURISDICTION_LABELS,
  REQUEST_KIND_SHORT,
  REQUEST_KINDS,
  REQUEST_STATUS_LABELS,
  REQUEST_STATUSES,
} from '@/lib/privacy/vocabulary';
import { parseListParams, withoutCursors } from '@/lib/list-query';
import { PRIVACY_SORTS, privacyListSchema } from '@/lib/validations/lists';

export const metadata: Metadata = { title: 'Privacy requests' };

/** The queue of rights requests, soonest due first, with the legal clock on every row. */
export default async function PrivacyQueuePage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requireSessionUser();
  if (!mayAdminister(user, 'privacy.manage')) notFound();
  const params = parseListParams(privacyListSchema, await searchParams);
  const page = await searchPrivacyRequests(user, params);
  const rows = page.rows;
  return (
    <>
      <PageHeader title="Privacy" subtitle="Rights requests with their legal clocks, policy versions, and retention." />
      <PrivacyAdminTabs current="/admin/privacy" />
      <Card title="Requests">
        <ListToolbar
          label="Filter requests"
          searchLabel="Search requests"
          placeholder="Person or reference (PR-00012)"
          q={params.q}
          sorts={PRIVACY_SORTS}
          sort={params.sort}
          dir={params.dir}
          resetHref="/admin/privacy"
          submitLabel="Filter"
          landmark={false}
        >
          <FilterSelect
            name="kind"
            label="Kind"
            value={params.kind}
            options={[
              { value: '', label: 'All kinds' },
              ...REQUEST_KINDS.map((k) => ({ value: k, label: REQUEST_KIND_SHORT[k] })),
            ]}
          />
          <FilterSelect
            name="status"
            label="Status"
            value={params.status}
            options={[
              { value: '', label: 'All statuses' },
              ...REQUEST_STATUSES.map((s) => ({ value: s, label: REQUEST_STATUS_LABELS[s] })),
            ]}
          />
          <FilterSelect
            name="due"
            label="Due"
            value={params.due}
            options={[
              { value: '', label: 'Any time' },
              { value: 'open', label: 'Open requests' },
              { value: 'due_soon', label: 'Due within 7 days' },
              { value: 'overdue', label: 'Overdue' },
            ]}
          />
        </ListToolbar>
        {rows.length === 0 ? (
          <p className="text-sm text-muted">No requests match.</p>
        ) : (
          <Table
            caption="Privacy requests"
            headers={['Reference', 'Kind', 'Law', 'Person', 'Status', 'Received', 'Due', '']}
          >
            {rows.map((r) => (
              <tr
                key={r.id}
                data-urgency={r.urgency ?? 'closed'}
                className={r.urgency === 'overdue' ? 'bg-danger/5' : r.urgency === 'due_soon' ? 'bg-accent/5' : ''}
              >
                <Cell className="font-mono text-xs">
                  <Link href={`/admin/privacy/requests/${r.id}`} className="text-accent underline">
                    {formatRequestRef(r.ref)}
                  </Link>
                </Cell>
                <Cell>
                  {REQUEST_KIND_SHORT[r.kind]}
                  {r.agent ? <span className="text-muted"> · agent</span> : null}
                </Cell>
                <Cell className="text-muted">{JURISDICTION_LABELS[r.jurisdiction]}</Cell>
                <Cell>{r.subject}</Cell>
                <Cell>
                  <StatusBadge status={r.status} />
                </Cell>
                <Cell>{formatDateTime(r.receivedAt)}</Cell>
                <Cell>
                  <span className="whitespace-nowrap">{formatDate(r.dueOn)}</span>
                  {r.extended ? <span className="text-muted"> (extended)</span> : null}
                  {r.ackDueOn && !r.acknowledged ? (
                    <span className="block text-xs text-muted">acknowledge by {formatDate(r.ackDueOn)}</span>
                  ) : null}
                </Cell>
                <Cell>
                  <UrgencyBadge urgency={r.urgency} />
                </Cell>
              </tr>
            ))}
          </Table>
        )}
        <Pager
          pathname="/admin/privacy"
          params={withoutCursors(params)}
          page={page}
          label="Privacy request pages"
          count={rows.length}
          emptyMessage={null}
        />
      </Card>
    </>
  );
}
