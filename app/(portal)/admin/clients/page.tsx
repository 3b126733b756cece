import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { ActionForm } from '@/components/forms/action-form';
import { Badge, Card, PageHeader } from '@/components/ui/card';
import { FilterSelect, ListToolbar, Pager } from '@/components/ui/list-controls';
import { Cell, Table } from '@/components/ui/table';
import { searchClientAccounts } from '@/lib/dal/clients/search-client-accounts';
import { mayAdminister } from '@/lib/dal/guard';
import { requireSessionUser } from '@/lib/dal/account/read-session-user';
import { parseListParams, withoutCursors } from '@/lib/list-query';
import { CLIENT_SORTS, clientListSchema } from '@/lib/validations/lists';
import { createClientAction } from '../actions';

export const metadata: Metadata = { title: 'Client accounts' };

export default async function ClientsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requireSessionUser();
  if (!mayAdminister(user, 'client.manage')) notFound();
  const params = parseListParams(clientListSchema, await searchParams);
  const page = await searchClientAccounts(user, params);
  const accounts = page.rows;
  return (
    <>
      <PageHeader
        title="Client accounts"
        subtitle="The only screen where real client names appear to administrators. Everywhere else they show as codenames."
      />
      <div className="grid gap-6 lg:grid-cols-3">
        <div className="lg:col-span-2">
          <Card title="Accounts">
            <ListToolbar
              label="Search client accounts"
              searchLabel="Search client accounts"
              placeholder="Codename, name or member"
              q={params.q}
              sorts={CLIENT_SORTS}
              sort={params.sort}
              dir={params.dir}
              resetHref="/admin/clients"
            >
              <FilterSelect
                label="Kind"
                name="kind"
                value={params.kind}
                options={[
                  { value: '', label: 'Any kind' },
                  { value: 'talent', label: 'Talent' },
                  { value: 'brand', label: 'Brand' },
                ]}
              />
            </ListToolbar>
            <Table headers={['Codename', 'Client', 'Kind', 'Members', 'Public association']} caption="Client accounts">
              {accounts.map((a) => (
                <tr key={a.id}>
                  <Cell className="font-medium">{a.codename}</Cell>
                  <Cell>{a.name}</Cell>
                  <Cell>{a.kind}</Cell>
                  <Cell>{a.members.length ? a.members.join(', ') : '—'}</Cell>
                  <Cell>
                    {a.zeroPublicAssociation ? (
                      <Badge tone="danger">Zero public association</Badge>
                    ) : (
                      'With written permission'
                    )}
                  </Cell>
                </tr>
              ))}
            </Table>
            <Pager
              pathname="/admin/clients"
              params={withoutCursors(params)}
              page={page}
              label="Client account pages"
              count={accounts.length}
            />
          </Card>
        </div>
        <Card title="New client account">
          <ActionForm
            label="New client account"
            once
            action={createClientAction}
            submitLabel="Create account"
            fields={[
              {
                kind: 'select',
                name: 'kind',
                label: 'Kind',
                options: [
                  { value: 'talent', label: 'Talent' },
                  { value: 'brand', label: 'Brand' },
                ],
              },
              { kind: 'text', name: 'name', label: 'Real name', required: true },
              {
                kind: 'text',
                name: 'codename',
                label: 'Codename',
                required: true,
                hint: 'Shown everywhere except this page.',
              },
            ]}
          />
          <p className="mt-4 text-xs text-muted">
            Add the client&apos;s people by inviting them as client users of this account.
          </p>
        </Card>
      </div>
    </>
  );
}
