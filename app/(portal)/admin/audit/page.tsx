import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { Badge, Card, PageHeader } from '@/components/ui/card';
import { Cell, Table } from '@/components/ui/table';
import { AUDIT_PAGE_SIZE, listAuditEvents, listAuditFilterOptions } from '@/lib/dal/admin/audit-log';
import { mayAdminister } from '@/lib/dal/admin/guard';
import { requireSessionUser } from '@/lib/dal/session';
import { formatDateTime } from '@/lib/labels';
import { auditFilterSchema } from '@/lib/validations/admin';

export const metadata: Metadata = { title: 'Audit log' };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function AuditPage({ searchParams }: { searchParams: SearchParams }) {
  const user = await requireSessionUser();
  if (!mayAdminister(user, 'audit.view')) notFound();
  const raw = Object.fromEntries(Object.entries(await searchParams).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
  const parsed = auditFilterSchema.safeParse(raw);
  const filter = parsed.success ? parsed.data : {};
  const [events, options] = await Promise.all([listAuditEvents(user, filter), listAuditFilterOptions(user)]);
  const select = 'mt-1 block w-full rounded-md border border-line bg-white px-3 py-2 text-sm';
  const nextPage = events.length === AUDIT_PAGE_SIZE ? events.at(-1)?.id : undefined;
  const query = (before: number) => new URLSearchParams({ ...(filter.actorId ? { actorId: filter.actorId } : {}), ...(filter.projectId ? { projectId: filter.projectId } : {}), ...(filter.outcome ? { outcome: filter.outcome } : {}), before: String(before) });

  return (
    <>
      <PageHeader title="Audit log" subtitle="Every read, denial, grant, revocation and sign-in. Projects by codename, items by reference." />
      {!parsed.success ? <p className="mb-4 text-sm text-danger" role="status">Some filters were not valid and were ignored.</p> : null}
      <Card>
        <form method="get" className="mb-5 grid gap-3 sm:grid-cols-4" aria-label="Filter the audit log">
          <label className="text-sm font-medium">
            Actor
            <select name="actorId" defaultValue={filter.actorId ?? ''} className={select}>
              <option value="">Anyone</option>
              {options.people.map((p) => <option key={p.id} value={p.id}>{p.label}</option>)}
            </select>
          </label>
          <label className="text-sm font-medium">
            Project
            <select name="projectId" defaultValue={filter.projectId ?? ''} className={select}>
              <option value="">Any project</option>
              {options.projects.map((p) => <option key={p.id} value={p.id}>{p.codename}</option>)}
            </select>
          </label>
          <label className="text-sm font-medium">
            Outcome
            <select name="outcome" defaultValue={filter.outcome ?? ''} className={select}>
              <option value="">Any</option>
              <option value="allowed">Allowed</option>
              <option value="denied">Denied</option>
            </select>
          </label>
          <div className="flex items-end">
            <button type="submit" className="rounded-md bg-accent px-3.5 py-2 text-sm font-medium text-white">Filter</button>
          </div>
        </form>
        <Table headers={['When', 'Actor', 'Action', 'Target', 'Project', 'Outcome', 'Reason', 'IP']} caption="Audit events">
          {events.map((e) => (
            <tr key={e.id}>
              <Cell className="whitespace-nowrap">{formatDateTime(e.at)}</Cell>
              <Cell>{e.actor}</Cell>
              <Cell className="font-mono text-xs">{e.action}</Cell>
              <Cell>{e.target}</Cell>
              <Cell>{e.project ?? '—'}</Cell>
              <Cell><Badge tone={e.outcome === 'denied' ? 'danger' : 'neutral'}>{e.outcome}</Badge></Cell>
              <Cell className="text-xs">{e.reason ?? ''}</Cell>
              <Cell className="text-xs">{e.ip ?? ''}</Cell>
            </tr>
          ))}
        </Table>
        {events.length === 0 ? <p className="mt-4 text-sm text-muted">No events match.</p> : null}
        {nextPage ? (
          <p className="mt-4 text-sm">
            <Link href={`/admin/audit?${query(nextPage)}`} className="text-accent hover:underline">Older events →</Link>
          </p>
        ) : null}
      </Card>
    </>
  );
}
