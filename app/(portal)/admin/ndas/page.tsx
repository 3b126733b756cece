import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { ActionForm } from '@/components/forms/action-form';
import { Card, PageHeader } from '@/components/ui/card';
import { Cell, Table } from '@/components/ui/table';
import { listClientAccountOptions } from '@/lib/dal/admin/clients';
import { mayAdminister } from '@/lib/dal/admin/guard';
import { listNdaSignatures, listNdaVersions } from '@/lib/dal/admin/ndas';
import { listPeople } from '@/lib/dal/admin/people';
import { requireSessionUser } from '@/lib/dal/session';
import { formatDate, ROLE_LABELS } from '@/lib/labels';
import { createNdaVersionAction, recordNdaSignatureAction } from '../actions';

export const metadata: Metadata = { title: 'NDAs' };

export default async function NdasPage() {
  const user = await requireSessionUser();
  if (!mayAdminister(user, 'nda.manage')) notFound();
  const [versions, signatures, people, accounts] = await Promise.all([
    listNdaVersions(user),
    listNdaSignatures(user),
    listPeople(user),
    listClientAccountOptions(user),
  ]);
  const agency = people.filter((p) => p.role !== 'client' && !p.disabled);
  const today = new Date().toISOString().slice(0, 10);

  return (
    <>
      <PageHeader title="NDAs" subtitle="No one is granted project access without a valid NDA covering the client." />
      <div className="grid gap-6 lg:grid-cols-3">
        <div className="space-y-6 lg:col-span-2">
          <Card title="Signatures">
            <Table headers={['Signer', 'Agreement', 'Covers', 'Signed', 'Expires', 'IP']} caption="NDA signatures">
              {signatures.map((s) => (
                <tr key={s.id}>
                  <Cell className="font-medium">{s.signer} <span className="text-xs text-muted">{ROLE_LABELS[s.signerRole]}</span></Cell>
                  <Cell>{s.agreement}</Cell>
                  <Cell>{s.scope}</Cell>
                  <Cell>{formatDate(s.signedAt)}</Cell>
                  <Cell>{formatDate(s.expiresAt)}</Cell>
                  <Cell>{s.ip ?? '—'}</Cell>
                </tr>
              ))}
            </Table>
          </Card>
          <Card title="Agreement versions">
            <Table headers={['Agreement', 'Version', 'SHA-256', 'Recorded']} caption="Agreement versions">
              {versions.map((v) => (
                <tr key={v.id}>
                  <Cell className="font-medium">{v.title}</Cell>
                  <Cell>{v.version}</Cell>
                  <Cell className="font-mono text-xs">{v.bodySha256.slice(0, 16)}…</Cell>
                  <Cell>{formatDate(v.createdAt)}</Cell>
                </tr>
              ))}
            </Table>
          </Card>
        </div>
        <div className="space-y-6">
          <Card title="Record a signature">
            <ActionForm
              label="Record a signature"
              action={recordNdaSignatureAction}
              submitLabel="Record signature"
              fields={[
                { kind: 'select', name: 'userId', label: 'Signer', options: agency.map((p) => ({ value: p.id, label: `${p.label} (${ROLE_LABELS[p.role]})` })) },
                { kind: 'select', name: 'ndaVersionId', label: 'Agreement', options: versions.map((v) => ({ value: v.id, label: `${v.title} v${v.version}` })) },
                { kind: 'select', name: 'clientAccountId', label: 'Covers', options: [{ value: '', label: 'All clients' }, ...accounts.map((a) => ({ value: a.id, label: a.codename }))] },
                { kind: 'date', name: 'signedOn', label: 'Signed on', defaultValue: today, required: true },
                { kind: 'date', name: 'expiresAt', label: 'Expires on (optional)' },
              ]}
            />
          </Card>
          <Card title="New agreement version">
            <ActionForm
              label="New agreement version"
              action={createNdaVersionAction}
              submitLabel="Record version"
              fields={[
                { kind: 'text', name: 'title', label: 'Agreement title', required: true, hint: 'Use an existing title to publish its next version.' },
                { kind: 'textarea', name: 'body', label: 'Full text', required: true },
              ]}
            />
          </Card>
        </div>
      </div>
    </>
  );
}
