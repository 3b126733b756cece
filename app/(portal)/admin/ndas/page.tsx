import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { ActionForm } from '@/components/forms/action-form';
import { Card, PageHeader } from '@/components/ui/card';
import { FilterSelect, ListToolbar, Pager } from '@/components/ui/list-controls';
import { Cell, Table } from '@/components/ui/table';
import { listClientAccountOptions } from '@/lib/dal/clients/list-client-account-options';
import { mayAdminister } from '@/lib/dal/guard';
import { listNdaVersions } from '@/lib/dal/ndas/list-nda-versions';
import { searchNdaSignatures } from '@/lib/dal/ndas/search-nda-signatures';
import { listNdaRequests } from '@/lib/dal/ndas/list-nda-requests';
import { listPeople } from '@/lib/dal/people/list-people';
import { requireSessionUser } from '@/lib/dal/account/read-session-user';
import { formatDate, ROLE_LABELS } from '@/lib/labels';
import { parseListParams, withoutCursors } from '@/lib/list-query';
import { NDA_SORTS, ndaListSchema } from '@/lib/validations/lists';
import { createNdaVersionAction, sendNdaAction } from '../actions';

export const metadata: Metadata = { title: 'NDAs' };

export default async function NdasPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requireSessionUser();
  if (!mayAdminister(user, 'nda.manage')) notFound();
  const params = parseListParams(ndaListSchema, await searchParams);
  const [versions, page, requests, people, accounts] = await Promise.all([
    listNdaVersions(user),
    searchNdaSignatures(user, params),
    listNdaRequests(user),
    listPeople(user),
    listClientAccountOptions(user),
  ]);
  const signatures = page.rows;
  // Nobody sends an NDA to themselves: the admin's own is sent by another admin.
  const agency = people.filter((p) => p.role !== 'client' && !p.disabled && p.id !== user.id);
  // Only the current version of each agreement is sent.
  const current = versions.filter((v) => !versions.some((w) => w.title === v.title && w.version > v.version));

  return (
    <>
      <PageHeader
        title="NDAs"
        subtitle="No one is granted project access without a valid NDA covering the client, signed by them in the portal."
      />
      <div className="grid gap-6 lg:grid-cols-3">
        <div className="space-y-6 lg:col-span-2">
          <Card title="Signatures">
            <ListToolbar
              label="Search signatures"
              searchLabel="Search signatures"
              placeholder="Signer, agreement or client codename"
              q={params.q}
              sorts={NDA_SORTS}
              sort={params.sort}
              dir={params.dir}
              resetHref="/admin/ndas"
            >
              <FilterSelect
                label="State"
                name="state"
                value={params.state}
                options={[
                  { value: '', label: 'Any' },
                  { value: 'current', label: 'Current' },
                  { value: 'superseded', label: 'Superseded' },
                ]}
              />
            </ListToolbar>
            <Table
              headers={['Signer', 'Agreement', 'Covers', 'How', 'Signed', 'Expires', 'IP', 'Record']}
              caption="NDA signatures"
            >
              {signatures.map((s) => (
                <tr key={s.id}>
                  <Cell className="font-medium">
                    {s.signer} <span className="text-xs text-muted">{ROLE_LABELS[s.signerRole]}</span>
                  </Cell>
                  <Cell>
                    {s.agreement}
                    {s.superseded ? <span className="block text-xs text-muted">superseded: signs again</span> : null}
                  </Cell>
                  <Cell>{s.scope}</Cell>
                  <Cell>{s.method === 'portal' ? 'In the portal' : 'Paper'}</Cell>
                  <Cell>{formatDate(s.signedAt)}</Cell>
                  <Cell>{formatDate(s.expiresAt)}</Cell>
                  <Cell>{s.ip ?? '—'}</Cell>
                  <Cell>
                    <a className="text-accent hover:underline" href={`/account/ndas/${s.id}/record`}>
                      Download
                    </a>
                  </Cell>
                </tr>
              ))}
            </Table>
            <Pager
              pathname="/admin/ndas"
              params={withoutCursors(params)}
              page={page}
              label="Signature pages"
              count={signatures.length}
            />
          </Card>
          <Card title="Sent">
            <Table headers={['To', 'Agreement', 'Covers', 'Sent', 'Status']} caption="NDAs sent">
              {requests.map((r) => (
                <tr key={r.id}>
                  <Cell className="font-medium">{r.signer}</Cell>
                  <Cell>
                    {r.agreement} v{r.version}
                  </Cell>
                  <Cell>{r.scope ?? 'All clients'}</Cell>
                  <Cell>{formatDate(r.sentAt)}</Cell>
                  <Cell>
                    {r.status === 'sent'
                      ? 'Waiting for them'
                      : r.status === 'signed'
                        ? `Signed ${formatDate(r.decidedAt)}`
                        : r.status === 'refused'
                          ? `Refused ${formatDate(r.decidedAt)}`
                          : 'Withdrawn'}
                  </Cell>
                </tr>
              ))}
            </Table>
          </Card>
          <Card title="Agreement versions">
            <Table headers={['Agreement', 'Version', 'Change', 'SHA-256', 'Recorded']} caption="Agreement versions">
              {versions.map((v) => (
                <tr key={v.id}>
                  <Cell className="font-medium">{v.title}</Cell>
                  <Cell>{v.version}</Cell>
                  <Cell>{v.version === 1 ? 'First' : v.material ? 'Material: signs again' : 'Minor'}</Cell>
                  <Cell className="font-mono text-xs">{v.bodySha256.slice(0, 16)}…</Cell>
                  <Cell>{formatDate(v.createdAt)}</Cell>
                </tr>
              ))}
            </Table>
          </Card>
        </div>
        <div className="space-y-6">
          <Card title="Send an NDA">
            <ActionForm
              label="Send an NDA"
              action={sendNdaAction}
              submitLabel="Send to sign"
              fields={[
                {
                  kind: 'select',
                  name: 'userId',
                  label: 'To',
                  hint: 'They read the exact text and sign it themselves in the portal.',
                  options: agency.map((p) => ({ value: p.id, label: `${p.label} (${ROLE_LABELS[p.role]})` })),
                },
                {
                  kind: 'select',
                  name: 'ndaVersionId',
                  label: 'Agreement',
                  options: current.map((v) => ({ value: v.id, label: `${v.title} v${v.version}` })),
                },
                {
                  kind: 'select',
                  name: 'clientAccountId',
                  label: 'Covers',
                  options: [
                    { value: '', label: 'All clients' },
                    ...accounts.map((a) => ({ value: a.id, label: a.codename })),
                  ],
                },
                { kind: 'date', name: 'expiresAt', label: 'Expires on (optional)' },
              ]}
            />
            <p className="mt-3 text-xs text-muted" data-testid="paper-note">
              An NDA signed on paper cannot be recorded yet: its scanned original will need to be attached, and files
              are not available. Send the NDA here instead.
            </p>
          </Card>
          <Card title="New agreement version">
            <ActionForm
              label="New agreement version"
              once
              action={createNdaVersionAction}
              submitLabel="Record version"
              fields={[
                {
                  kind: 'text',
                  name: 'title',
                  label: 'Agreement title',
                  required: true,
                  hint: 'Use an existing title to publish its next version.',
                },
                { kind: 'textarea', name: 'body', label: 'Full text', required: true },
                {
                  kind: 'checkboxes',
                  name: 'material',
                  label: 'Change',
                  hint: 'A material change asks everyone bound by an earlier version to sign again before their next read.',
                  options: [{ value: 'on', label: 'Material change: everyone signs again' }],
                },
              ]}
            />
          </Card>
        </div>
      </div>
    </>
  );
}
