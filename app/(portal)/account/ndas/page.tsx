import type { Metadata } from 'next';
import { ActionForm } from '@/components/forms/action-form';
import { Card, PageHeader } from '@/components/ui/card';
import { Cell, Table } from '@/components/ui/table';
import { listMyNdas } from '@/lib/dal/ndas/list-my-ndas';
import { requireSessionUser } from '@/lib/dal/account/read-session-user';
import { formatDate } from '@/lib/labels';
import { refuseNdaAction, signNdaAction } from './actions';

export const metadata: Metadata = { title: 'My NDAs' };

/** The signer reads the exact text of each NDA sent to them and signs it (typed name and consent) or refuses it. */
export default async function MyNdasPage() {
  const user = await requireSessionUser();
  const { waiting, signed } = await listMyNdas(user);
  return (
    <>
      <PageHeader title="My NDAs" subtitle="Confidentiality agreements sent to you to sign, and the ones you signed." />
      <div className="space-y-6">
        {waiting.length === 0 ? (
          <Card>
            <p className="text-sm text-muted">No NDA is waiting for you.</p>
          </Card>
        ) : null}
        {waiting.map((r) => (
          <Card key={r.id} title={`${r.title}, version ${r.version}`}>
            <dl className="mb-3 grid gap-1 text-sm sm:grid-cols-3">
              <div>
                <dt className="font-medium">Covers</dt>
                <dd>{r.scope ?? 'All clients'}</dd>
              </div>
              <div>
                <dt className="font-medium">Expires</dt>
                <dd>{r.expiresAt ? formatDate(r.expiresAt) : 'No expiry'}</dd>
              </div>
              <div>
                <dt className="font-medium">Sent</dt>
                <dd>{formatDate(r.sentAt)}</dd>
              </div>
            </dl>
            <pre
              className="max-h-96 overflow-auto whitespace-pre-wrap rounded-md bg-paper p-3 font-sans text-sm"
              data-testid="nda-text"
            >
              {r.body}
            </pre>
            <p className="mt-2 break-all text-xs text-muted">SHA-256: {r.bodySha256}</p>
            <div className="mt-4 grid gap-6 lg:grid-cols-2">
              <ActionForm
                label={`Sign ${r.title}`}
                action={signNdaAction}
                submitLabel="Sign"
                pendingLabel="Signing…"
                fields={[
                  { kind: 'hidden', name: 'requestId', value: r.id },
                  { kind: 'hidden', name: 'textSha256', value: r.bodySha256 },
                  {
                    kind: 'text',
                    name: 'fullName',
                    label: 'Your full name',
                    hint: `Type it exactly as on your account (${user.name}).`,
                    required: true,
                  },
                  {
                    kind: 'checkboxes',
                    name: 'consent',
                    label: 'Consent',
                    options: [{ value: 'on', label: 'I have read the agreement above and I sign it.' }],
                  },
                ]}
              />
              <ActionForm
                label={`Refuse ${r.title}`}
                action={refuseNdaAction}
                submitLabel="Refuse"
                variant="danger"
                fields={[
                  { kind: 'hidden', name: 'requestId', value: r.id },
                  { kind: 'textarea', name: 'reason', label: 'Why you refuse', required: true },
                ]}
              />
            </div>
          </Card>
        ))}
        <Card title="Signed">
          {signed.length === 0 ? (
            <p className="text-sm text-muted">You have not signed an NDA.</p>
          ) : (
            <Table caption="My signed NDAs" headers={['Agreement', 'Covers', 'How', 'Signed', 'Expires', 'Record']}>
              {signed.map((s) => (
                <tr key={s.id}>
                  <Cell className="font-medium">
                    {s.title} v{s.version}
                    {s.supersededAt ? (
                      <span className="block text-xs text-muted">
                        Replaced by a material new version: sign the new one.
                      </span>
                    ) : null}
                  </Cell>
                  <Cell>{s.scope ?? 'All clients'}</Cell>
                  <Cell>{s.method === 'portal' ? 'In the portal' : 'On paper'}</Cell>
                  <Cell>{formatDate(s.signedAt)}</Cell>
                  <Cell>{s.expiresAt ? formatDate(s.expiresAt) : 'No expiry'}</Cell>
                  <Cell>
                    <a className="text-accent hover:underline" href={`/account/ndas/${s.id}/record`}>
                      Download
                    </a>
                  </Cell>
                </tr>
              ))}
            </Table>
          )}
        </Card>
      </div>
    </>
  );
}
