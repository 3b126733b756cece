import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { ActionForm } from '@/components/forms/action-form';
import { Badge, Card, PageHeader } from '@/components/ui/card';
import { FilterSelect, ListToolbar, Pager } from '@/components/ui/list-controls';
import { Cell, Table } from '@/components/ui/table';
import { listClientAccountOptions } from '@/lib/dal/clients/list-client-account-options';
import { mayAdminister } from '@/lib/dal/guard';
import { listPendingInvitations } from '@/lib/dal/people/list-pending-invitations';
import { searchPeople } from '@/lib/dal/people/search-people';
import { requireSessionUser } from '@/lib/dal/account/read-session-user';
import { formatDate, ROLE_LABELS } from '@/lib/labels';
import { parseListParams, withoutCursors } from '@/lib/list-query';
import { PEOPLE_SORTS, peopleListSchema } from '@/lib/validations/lists';
import { inviteUserAction, setUserDisabledAction } from '../actions';

export const metadata: Metadata = { title: 'People' };

export default async function PeoplePage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requireSessionUser();
  if (!mayAdminister(user, 'user.invite')) notFound();
  const params = parseListParams(peopleListSchema, await searchParams);
  const [page, invitations, accounts] = await Promise.all([
    searchPeople(user, params),
    listPendingInvitations(user),
    listClientAccountOptions(user),
  ]);
  const people = page.rows;

  return (
    <>
      <PageHeader
        title="People"
        subtitle="Accounts are invitation-only. Client users appear by their account's codename."
      />
      <div className="grid gap-6 lg:grid-cols-3">
        <div className="space-y-6 lg:col-span-2">
          <Card title="Accounts">
            <ListToolbar
              label="Search people"
              searchLabel="Search people"
              placeholder="Name, codename or email"
              q={params.q}
              sorts={PEOPLE_SORTS}
              sort={params.sort}
              dir={params.dir}
              resetHref="/admin/users"
            >
              <FilterSelect
                label="Role"
                name="role"
                value={params.role}
                options={[
                  { value: '', label: 'Any role' },
                  ...(['admin', 'staff', 'contractor', 'client'] as const).map((r) => ({
                    value: r,
                    label: ROLE_LABELS[r],
                  })),
                ]}
              />
              <FilterSelect
                label="Status"
                name="status"
                value={params.status}
                options={[
                  { value: '', label: 'Any' },
                  { value: 'active', label: 'Active' },
                  { value: 'disabled', label: 'Disabled' },
                ]}
              />
            </ListToolbar>
            <Table headers={['Person', 'Email', 'Role', 'Status', '']} caption="Accounts">
              {people.map((p) => (
                <tr key={p.id}>
                  <Cell className="font-medium">{p.label}</Cell>
                  <Cell>{p.email ?? <span className="text-muted">On the client’s page</span>}</Cell>
                  <Cell>{ROLE_LABELS[p.role]}</Cell>
                  <Cell>{p.disabled ? <Badge tone="danger">Disabled</Badge> : <Badge>Active</Badge>}</Cell>
                  <Cell>
                    {p.id === user.id ? null : (
                      <ActionForm
                        inline
                        label={`${p.disabled ? 'Enable' : 'Disable'} ${p.email ?? p.label}`}
                        action={setUserDisabledAction}
                        fields={[
                          { kind: 'hidden', name: 'userId', value: p.id },
                          { kind: 'hidden', name: 'disabled', value: p.disabled ? 'false' : 'true' },
                        ]}
                        submitLabel={p.disabled ? 'Enable' : 'Disable'}
                        variant={p.disabled ? 'secondary' : 'danger'}
                        confirm={
                          p.disabled
                            ? undefined
                            : {
                                title: `Disable ${p.label}?`,
                                description: `${p.label} is signed out everywhere at once and can no longer sign in. Their memberships and records stay as they are. You can enable the account again later.`,
                                confirmLabel: `Disable ${p.label}`,
                              }
                        }
                      />
                    )}
                  </Cell>
                </tr>
              ))}
            </Table>
            <Pager
              pathname="/admin/users"
              params={withoutCursors(params)}
              page={page}
              label="People pages"
              count={people.length}
            />
          </Card>
          <Card title="Open invitations">
            {invitations.length === 0 ? (
              <p className="text-sm text-muted">None.</p>
            ) : (
              <Table headers={['Email', 'Role', 'Expires']} caption="Open invitations">
                {invitations.map((i) => (
                  <tr key={i.id}>
                    <Cell>{i.email}</Cell>
                    <Cell>{ROLE_LABELS[i.role]}</Cell>
                    <Cell>{formatDate(i.expiresAt)}</Cell>
                  </tr>
                ))}
              </Table>
            )}
          </Card>
        </div>
        <Card title="Invite someone">
          <ActionForm
            label="Invite someone"
            once
            action={inviteUserAction}
            submitLabel="Create invitation"
            pendingLabel="Creating…"
            fields={[
              { kind: 'email', name: 'email', label: 'Email', required: true },
              { kind: 'text', name: 'name', label: 'Full name', required: true },
              {
                kind: 'select',
                name: 'role',
                label: 'Role',
                defaultValue: 'staff',
                options: (['staff', 'contractor', 'client', 'admin'] as const).map((r) => ({
                  value: r,
                  label: ROLE_LABELS[r],
                })),
              },
              {
                kind: 'select',
                name: 'clientAccountId',
                label: 'Client account (client users only)',
                options: [
                  { value: '', label: '—' },
                  ...accounts.map((a) => ({ value: a.id, label: `${a.codename} (${a.kind})` })),
                ],
              },
            ]}
          />
        </Card>
      </div>
    </>
  );
}
