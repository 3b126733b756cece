import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { ActionForm } from '@/components/forms/action-form';
import { Card, PageHeader } from '@/components/ui/card';
import { FilterSelect, ListToolbar, Pager } from '@/components/ui/list-controls';
import { Cell, Table } from '@/components/ui/table';
import { listClientAccountOptions } from '@/lib/dal/clients/list-client-account-options';
import { mayAdminister } from '@/lib/dal/guard';
import { searchProjectsForAdmin } from '@/lib/dal/projects/search-projects-for-admin';
import { requireSessionUser } from '@/lib/dal/account/read-session-user';
import { parseListParams, withoutCursors } from '@/lib/list-query';
import { ADMIN_PROJECT_SORTS, adminProjectListSchema } from '@/lib/validations/lists';
import { createProjectAction } from '../actions';

export const metadata: Metadata = { title: 'Project access' };

export default async function AdminProjectsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requireSessionUser();
  if (!mayAdminister(user, 'membership.grant')) notFound();
  const params = parseListParams(adminProjectListSchema, await searchParams);
  const [page, accounts] = await Promise.all([searchProjectsForAdmin(user, params), listClientAccountOptions(user)]);
  const projects = page.rows;
  return (
    <>
      <PageHeader
        title="Project access"
        subtitle="Grant and revoke access per project. You see who holds access, never the content."
      />
      <div className="grid gap-6 lg:grid-cols-3">
        <div className="lg:col-span-2">
          <Card title="Projects">
            <ListToolbar
              label="Search projects"
              searchLabel="Search projects"
              placeholder="Project or client codename"
              q={params.q}
              sorts={ADMIN_PROJECT_SORTS}
              sort={params.sort}
              dir={params.dir}
              resetHref="/admin/projects"
            >
              <FilterSelect
                label="Status"
                name="status"
                value={params.status}
                options={[
                  { value: '', label: 'Any status' },
                  { value: 'active', label: 'Active' },
                  { value: 'closed', label: 'Closed' },
                ]}
              />
            </ListToolbar>
            <Table headers={['Project', 'Client', 'Counterparty', 'Active members', 'Status']} caption="Projects">
              {projects.map((p) => (
                <tr key={p.id}>
                  <Cell>
                    <Link href={`/admin/projects/${p.id}`} className="font-medium text-accent hover:underline">
                      {p.codename}
                    </Link>
                  </Cell>
                  <Cell>{p.ownerCodename}</Cell>
                  <Cell>{p.counterpartyCodename ?? '—'}</Cell>
                  <Cell>{p.activeMembers}</Cell>
                  <Cell>{p.status}</Cell>
                </tr>
              ))}
            </Table>
            <Pager
              pathname="/admin/projects"
              params={withoutCursors(params)}
              page={page}
              label="Project pages"
              count={projects.length}
            />
          </Card>
        </div>
        <Card title="New project">
          <ActionForm
            label="New project"
            once
            action={createProjectAction}
            submitLabel="Create project"
            fields={[
              { kind: 'text', name: 'codename', label: 'Codename', required: true },
              {
                kind: 'select',
                name: 'clientAccountId',
                label: 'Client',
                options: accounts.map((a) => ({ value: a.id, label: `${a.codename} (${a.kind})` })),
              },
              {
                kind: 'select',
                name: 'counterpartyAccountId',
                label: 'Counterparty brand (optional)',
                options: [
                  { value: '', label: '—' },
                  ...accounts.filter((a) => a.kind === 'brand').map((a) => ({ value: a.id, label: a.codename })),
                ],
              },
              { kind: 'date', name: 'startsOn', label: 'Starts on' },
              { kind: 'date', name: 'endsOn', label: 'Ends on' },
            ]}
          />
        </Card>
      </div>
    </>
  );
}
