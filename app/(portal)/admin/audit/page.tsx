import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { Badge, Card, PageHeader } from '@/components/ui/card';
import { FilterDate, FilterSelect, ListToolbar, Pager } from '@/components/ui/list-controls';
import { LocalTime } from '@/components/ui/local-time';
import { Cell, Table } from '@/components/ui/table';
import { auditLabel } from '@/lib/audit/sentence';
import { listAuditActions, listAuditFilterOptions } from '@/lib/dal/audit/list-audit-filter-options';
import { searchAuditEvents } from '@/lib/dal/audit/search-audit-events';
import { mayAdminister } from '@/lib/dal/guard';
import { requireSessionUser } from '@/lib/dal/account/read-session-user';
import { listHref, parseListParams, withoutCursors } from '@/lib/list-query';
import { AUDIT_SORTS, auditListSchema } from '@/lib/validations/lists';

export const metadata: Metadata = { title: 'Audit log' };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function AuditPage({ searchParams }: { searchParams: SearchParams }) {
  const user = await requireSessionUser();
  if (!mayAdminister(user, 'audit.view')) notFound();
  const params = parseListParams(auditListSchema, await searchParams);
  const [page, options, actions] = await Promise.all([
    searchAuditEvents(user, params),
    listAuditFilterOptions(user),
    listAuditActions(user),
  ]);
  const kept = withoutCursors(params);

  return (
    <>
      <PageHeader
        title="Audit log"
        subtitle="Every read, denial, grant, revocation and sign-in. Projects by codename, items by reference."
        actions={
          <a
            href={listHref('/admin/audit/export', kept)}
            className="rounded-md border border-line bg-white px-3.5 py-2 text-sm font-medium hover:bg-paper"
            download
          >
            Export CSV
          </a>
        }
      />
      <Card>
        <ListToolbar
          label="Filter the audit log"
          searchLabel="Text"
          placeholder="Action, reason or address"
          q={params.q}
          sorts={AUDIT_SORTS}
          sort={params.sort}
          dir={params.dir}
          resetHref="/admin/audit"
          submitLabel="Filter"
        >
          <FilterDate label="From" name="from" value={params.from} />
          <FilterDate label="To" name="to" value={params.to} />
          <FilterSelect
            label="Actor"
            name="actorId"
            value={params.actorId}
            options={[{ value: '', label: 'Anyone' }, ...options.people.map((p) => ({ value: p.id, label: p.label }))]}
          />
          <FilterSelect
            label="Action"
            name="action"
            value={params.action}
            options={[
              { value: '', label: 'Any action' },
              ...actions.map((a) => ({ value: a, label: `${a}: ${auditLabel(a, 'allowed')}` })),
            ]}
          />
          <FilterSelect
            label="Outcome"
            name="outcome"
            value={params.outcome}
            options={[
              { value: '', label: 'Any' },
              { value: 'allowed', label: 'Allowed' },
              { value: 'denied', label: 'Denied' },
            ]}
          />
          <FilterSelect
            label="Project"
            name="projectId"
            value={params.projectId}
            options={[
              { value: '', label: 'Any project' },
              ...options.projects.map((p) => ({ value: p.id, label: p.codename })),
            ]}
          />
        </ListToolbar>
        <Table
          headers={['When', 'Actor', 'Action', 'What happened', 'Project', 'Outcome', 'IP']}
          caption="Audit events"
        >
          {page.rows.map((e) => (
            <tr key={e.id}>
              <Cell className="whitespace-nowrap">
                <LocalTime at={e.at.toISOString()} />
              </Cell>
              <Cell>{e.actor}</Cell>
              <Cell className="font-mono text-xs">{e.action}</Cell>
              <Cell>
                {/* The sentence says who or what it concerns and, refused, why; the raw reason on hover. */}
                <span title={e.reason ?? undefined}>{e.sentence}</span>
              </Cell>
              <Cell>{e.project ?? '—'}</Cell>
              <Cell>
                <Badge tone={e.outcome === 'denied' ? 'danger' : 'neutral'}>{e.outcome}</Badge>
              </Cell>
              <Cell className="text-xs">{e.ip ?? ''}</Cell>
            </tr>
          ))}
        </Table>
        <Pager
          pathname="/admin/audit"
          params={kept}
          page={page}
          label="Audit log pages"
          count={page.rows.length}
          emptyMessage="No events match."
        />
      </Card>
    </>
  );
}
