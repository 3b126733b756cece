import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { ActionForm } from '@/components/forms/action-form';
import { Badge, Card, PageHeader } from '@/components/ui/card';
import { requireSessionUser } from '@/lib/dal/account/read-session-user';
import { listBrandAccounts } from '@/lib/dal/shortlists/list-brand-accounts';
import { listShortlists } from '@/lib/dal/shortlists/list-shortlists';
import { formatDateTime } from '@/lib/labels';
import { createShortlistAction } from './actions';

export const metadata: Metadata = { title: 'Shortlists' };

/** Staff: their shortlists and a new one. Brand members: the shortlists proposed to their brand. */
export default async function ShortlistsPage() {
  const user = await requireSessionUser();
  if (user.role !== 'staff' && user.role !== 'client') notFound();
  const [lists, brands] = await Promise.all([listShortlists(user), listBrandAccounts(user)]);
  return (
    <>
      <PageHeader
        title="Shortlists"
        subtitle={
          user.role === 'staff'
            ? 'Creators you propose to a brand for a campaign. The brand sees only what each creator made visible to brands.'
            : 'Creators the agency proposed to your brand.'
        }
      />
      {lists.length === 0 ? (
        <Card>
          <p className="text-sm text-muted">No shortlists yet.</p>
        </Card>
      ) : (
        <ul className="space-y-3" aria-label="Shortlists">
          {lists.map((l) => (
            <li key={l.id} className="rounded-lg border border-line bg-white p-4">
              <Link href={`/shortlists/${l.id}`} className="text-sm font-semibold text-accent hover:underline">
                {l.campaign}
              </Link>
              <p className="mt-1 flex flex-wrap items-center gap-2 text-xs text-muted">
                <span>{l.brand}</span>
                <span>
                  · {l.entries} {l.entries === 1 ? 'creator' : 'creators'}
                </span>
                {l.proposedAt ? <span>· proposed {formatDateTime(l.proposedAt)}</span> : <Badge>Draft</Badge>}
                {l.withdrawnAt ? <Badge tone="danger">Withdrawn</Badge> : null}
              </p>
            </li>
          ))}
        </ul>
      )}
      {user.role === 'staff' ? (
        <div className="mt-6">
          <Card title="New shortlist">
            <ActionForm
              label="New shortlist"
              action={createShortlistAction}
              once
              fields={[
                {
                  kind: 'select',
                  name: 'brandAccountId',
                  label: 'Brand',
                  options: brands.map((b) => ({ value: b.id, label: b.codename })),
                },
                { kind: 'text', name: 'campaign', label: 'Campaign', required: true },
              ]}
              submitLabel="Create shortlist"
            />
          </Card>
        </div>
      ) : null}
    </>
  );
}
