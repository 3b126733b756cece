import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { Badge, Card, PageHeader } from '@/components/ui/card';
import { Pager } from '@/components/ui/list-controls';
import { LocalTime } from '@/components/ui/local-time';
import { Cell, Table } from '@/components/ui/table';
import { listAccessHistory } from '@/lib/dal/audit/list-access-history';
import { requireSessionUser } from '@/lib/dal/account/read-session-user';
import { parseListParams } from '@/lib/list-query';
import { historyListSchema } from '@/lib/validations/lists';
import { historyFilterSchema } from '@/lib/validations/client';
import { FIRST_DAY, LAST_DAY } from '@/lib/validations/dates';

export const metadata: Metadata = { title: 'Access history' };

const control = 'mt-1 block w-full rounded-md border border-line bg-white px-3 py-2 text-sm';
const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/** Who did: every read of the client's items and every grant and revocation on their projects (issue 4). */
export default async function AccessHistoryPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requireSessionUser();
  if (user.role !== 'client') notFound();
  const raw = await searchParams;
  const values = {
    projectId: first(raw.projectId) ?? '',
    personId: first(raw.personId) ?? '',
    from: first(raw.from) ?? '',
    to: first(raw.to) ?? '',
  };
  const parsed = historyFilterSchema.safeParse(values);
  const filter = parsed.success ? parsed.data : {};
  // Paged both ways, newest first, without a cap (issue 16); the cursors are validated apart from the filter.
  const paging = parseListParams(historyListSchema, raw);
  const history = await listAccessHistory(user, filter, undefined, paging);
  // A filter that did not pass is ignored, here and in the export, and the page says so.
  const query = parsed.success
    ? new URLSearchParams(Object.entries(values).filter(([, v]) => v !== '')).toString()
    : '';
  return (
    <>
      <PageHeader
        title="Access history"
        subtitle="Who read which of your items, and every grant and revocation on your projects, from the audit log."
        actions={
          <a
            href={`/client/history/export${query ? `?${query}` : ''}`}
            className="rounded-md border border-line bg-white px-3.5 py-2 text-sm font-medium hover:bg-paper"
            download
          >
            Export CSV
          </a>
        }
      />
      <Card>
        <form method="get" aria-label="Filter the history" className="grid gap-3 sm:grid-cols-5 sm:items-end">
          <div className="text-sm font-medium">
            <label htmlFor="history-project">Project</label>
            <select id="history-project" name="projectId" defaultValue={values.projectId} className={control}>
              <option value="">All projects</option>
              {history.projects.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.codename}
                </option>
              ))}
            </select>
          </div>
          <div className="text-sm font-medium">
            <label htmlFor="history-person">Person</label>
            <select id="history-person" name="personId" defaultValue={values.personId} className={control}>
              <option value="">Everyone</option>
              {history.people.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.label}
                </option>
              ))}
            </select>
          </div>
          <div className="text-sm font-medium">
            <label htmlFor="history-from">From</label>
            <input
              id="history-from"
              type="date"
              name="from"
              min={FIRST_DAY}
              max={LAST_DAY}
              defaultValue={values.from}
              className={control}
            />
          </div>
          <div className="text-sm font-medium">
            <label htmlFor="history-to">To</label>
            <input
              id="history-to"
              type="date"
              name="to"
              min={FIRST_DAY}
              max={LAST_DAY}
              defaultValue={values.to}
              className={control}
            />
          </div>
          <button
            type="submit"
            className="rounded-md bg-accent px-3.5 py-2 text-sm font-medium text-white hover:bg-accent/90"
          >
            Filter
          </button>
        </form>
        {parsed.success ? null : (
          <p className="mt-2 text-sm text-danger" role="status" data-testid="filter-problem">
            {parsed.error.issues[0]?.message ?? 'Check the filter.'} The filter was not applied: showing all events.
          </p>
        )}
      </Card>
      <div className="mt-6">
        <Card>
          {history.entries.length === 0 ? (
            <p className="text-sm text-muted">No events match.</p>
          ) : (
            <Table headers={['When', 'Project', 'Who', 'Did', 'What', 'Outcome']} caption="Access history">
              {history.entries.map((e) => (
                <tr key={e.id}>
                  <Cell className="whitespace-nowrap">
                    <LocalTime at={e.at.toISOString()} />
                  </Cell>
                  <Cell>{e.project}</Cell>
                  <Cell>{e.person}</Cell>
                  <Cell>{e.action}</Cell>
                  <Cell>{e.subject}</Cell>
                  <Cell>
                    <Badge tone={e.outcome === 'denied' ? 'danger' : 'neutral'}>{e.outcome}</Badge>
                    {e.reasonText ? <span className="ml-1 text-xs text-muted">{e.reasonText}</span> : null}
                  </Cell>
                </tr>
              ))}
            </Table>
          )}
          <Pager
            pathname="/client/history"
            params={parsed.success ? Object.fromEntries(Object.entries(values).filter(([, v]) => v !== '')) : {}}
            page={history}
            label="History pages"
            count={history.entries.length}
            emptyMessage={null}
          />
        </Card>
      </div>
    </>
  );
}
