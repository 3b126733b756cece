import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { ActionForm } from '@/components/forms/action-form';
import { Badge, Card, PageHeader } from '@/components/ui/card';
import { Cell, Table } from '@/components/ui/table';
import { listClientAccounts } from '@/lib/dal/admin/clients';
import { mayAdminister } from '@/lib/dal/admin/guard';
import { requireSessionUser } from '@/lib/dal/session';
import { createClientAction } from '../actions';

export const metadata: Metadata = { title: 'Client accounts' };

export default async function ClientsPage() {
  const user = await requireSessionUser();
  if (!mayAdminister(user, 'client.manage')) notFound();
  const accounts = await listClientAccounts(user);
  return (
    <>
      <PageHeader title="Client accounts" subtitle="The only screen where real client names appear to administrators. Everywhere else they show as codenames." />
      <div className="grid gap-6 lg:grid-cols-3">
        <div className="lg:col-span-2">
          <Card title="Accounts">
            <Table headers={['Codename', 'Client', 'Kind', 'Members', 'Public association']} caption="Client accounts">
              {accounts.map((a) => (
                <tr key={a.id}>
                  <Cell className="font-medium">{a.codename}</Cell>
                  <Cell>{a.name}</Cell>
                  <Cell>{a.kind}</Cell>
                  <Cell>{a.members.length ? a.members.join(', ') : '—'}</Cell>
                  <Cell>{a.zeroPublicAssociation ? <Badge tone="danger">Zero public association</Badge> : 'With written permission'}</Cell>
                </tr>
              ))}
            </Table>
          </Card>
        </div>
        <Card title="New client account">
          <ActionForm
            label="New client account"
            once
            action={createClientAction}
            submitLabel="Create account"
            fields={[
              { kind: 'select', name: 'kind', label: 'Kind', options: [{ value: 'talent', label: 'Talent' }, { value: 'brand', label: 'Brand' }] },
              { kind: 'text', name: 'name', label: 'Real name', required: true },
              { kind: 'text', name: 'codename', label: 'Codename', required: true, hint: 'Shown everywhere except this page.' },
            ]}
          />
          <p className="mt-4 text-xs text-muted">Add the client&apos;s people by inviting them as client users of this account.</p>
        </Card>
      </div>
    </>
  );
}
