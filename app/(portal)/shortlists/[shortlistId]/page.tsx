import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { ActionForm } from '@/components/forms/action-form';
import { Badge, Card, PageHeader } from '@/components/ui/card';
import { PROFILE_FIELD_LABELS } from '@/lib/dal/profiles/labels';
import { requestMeta } from '@/lib/dal/account/read-request-meta';
import { requireSessionUser } from '@/lib/dal/account/read-session-user';
import { listClearedCreators } from '@/lib/dal/profiles/list-cleared-creators';
import { readShortlist } from '@/lib/dal/shortlists/read-shortlist';
import { formatDateTime } from '@/lib/labels';
import { parseId } from '@/lib/validations/ids';
import {
  addShortlistEntryAction,
  proposeShortlistAction,
  withdrawShortlistAction,
  withdrawShortlistEntryAction,
} from '../actions';

export const metadata: Metadata = { title: 'Shortlist' };

export default async function ShortlistPage({ params }: { params: Promise<{ shortlistId: string }> }) {
  const { shortlistId } = await params;
  const id = parseId(shortlistId);
  if (!id) notFound();
  const user = await requireSessionUser();
  const list = await readShortlist(user, id, await requestMeta());
  if (!list) notFound();
  const draft = list.mine && !list.proposedAt;
  const candidates = draft
    ? (await listClearedCreators(user)).filter((c) => !list.entries.some((e) => e.profileId === c.profileId))
    : [];
  return (
    <>
      <PageHeader
        title={list.campaign}
        subtitle={
          <>
            {list.brand} · {list.proposedAt ? `proposed ${formatDateTime(list.proposedAt)}` : <Badge>Draft</Badge>}
            {list.withdrawnAt ? (
              <>
                {' '}
                · <Badge tone="danger">Withdrawn {formatDateTime(list.withdrawnAt)}</Badge>
              </>
            ) : null}
          </>
        }
      />
      {list.mine ? (
        <p className="mb-4 text-sm text-muted">
          Each creator shows as the brand sees them: only the fields they made visible to brands or public.
        </p>
      ) : null}
      {list.entries.length === 0 ? (
        <Card>
          <p className="text-sm text-muted">No creators on this shortlist yet.</p>
        </Card>
      ) : (
        <ul className="space-y-3" aria-label="Creators">
          {list.entries.map((e, index) => {
            const name = e.fields.find((f) => f.field === 'display_name')?.value ?? e.name ?? `Creator ${index + 1}`;
            return (
              <li key={e.profileId} className="rounded-lg border border-line bg-white p-4">
                <div className="flex flex-wrap items-center justify-between gap-2">
                  <h2 className="text-sm font-semibold">{name}</h2>
                  {e.withdrawnAt ? (
                    <Badge tone="danger">{`Withdrawn ${e.withdrawnBy === 'creator' ? 'by the creator' : 'by the agency'} ${formatDateTime(e.withdrawnAt)}`}</Badge>
                  ) : list.mine && list.proposedAt && !list.withdrawnAt ? (
                    <ActionForm
                      inline
                      label={`Withdraw ${name}`}
                      action={withdrawShortlistEntryAction}
                      submitLabel="Withdraw"
                      variant="danger"
                      fields={[
                        { kind: 'hidden', name: 'shortlistId', value: list.id },
                        { kind: 'hidden', name: 'profileId', value: e.profileId },
                      ]}
                      confirm={{
                        title: `Withdraw ${name} from this shortlist?`,
                        description: `${list.brand} stops seeing ${name} on this shortlist at once. ${name} is told. This cannot be undone; proposing them again needs a new shortlist.`,
                        confirmLabel: `Withdraw ${name}`,
                      }}
                    />
                  ) : null}
                </div>
                {e.fields.length === 0 ? (
                  <p className="mt-1 text-sm text-muted">This creator has shown nothing to brands yet.</p>
                ) : null}
                <dl className="mt-2 space-y-2">
                  {e.fields
                    .filter((f) => f.field !== 'display_name')
                    .map((f) => (
                      <div key={f.field}>
                        <dt className="text-xs text-muted">{PROFILE_FIELD_LABELS[f.field]}</dt>
                        <dd className="whitespace-pre-line text-sm">{f.value}</dd>
                      </div>
                    ))}
                </dl>
              </li>
            );
          })}
        </ul>
      )}
      {list.mine && list.proposedAt && !list.withdrawnAt ? (
        <div className="mt-6">
          <Card title="Withdraw the shortlist">
            <p className="mb-3 text-sm text-muted">
              The brand stops seeing the shortlist and everyone on it at once; each creator is told.
            </p>
            <ActionForm
              label="Withdraw the shortlist"
              action={withdrawShortlistAction}
              submitLabel="Withdraw the shortlist"
              variant="danger"
              fields={[{ kind: 'hidden', name: 'shortlistId', value: list.id }]}
              confirm={{
                title: `Withdraw “${list.campaign}” from ${list.brand}?`,
                description: `${list.brand} no longer sees this shortlist or any creator on it. Each creator is told. This cannot be undone.`,
                confirmLabel: 'Withdraw the shortlist',
              }}
            />
          </Card>
        </div>
      ) : null}
      {draft ? (
        <div className="mt-6 grid gap-6 lg:grid-cols-2">
          <Card title="Add a creator">
            {candidates.length === 0 ? (
              <p className="text-sm text-muted">No other creator you are cleared for has a profile.</p>
            ) : (
              <ActionForm
                label="Add a creator"
                action={addShortlistEntryAction}
                fields={[
                  { kind: 'hidden', name: 'shortlistId', value: list.id },
                  {
                    kind: 'select',
                    name: 'profileId',
                    label: 'Creator',
                    options: candidates.map((c) => ({ value: c.profileId, label: c.name })),
                  },
                ]}
                submitLabel="Add"
              />
            )}
          </Card>
          <Card title="Propose to the brand">
            <p className="mb-3 text-sm text-muted">
              The brand then sees each creator&apos;s brand-visible fields, and each creator is told.
            </p>
            <ActionForm
              label="Propose to the brand"
              action={proposeShortlistAction}
              fields={[{ kind: 'hidden', name: 'shortlistId', value: list.id }]}
              submitLabel="Propose"
            />
          </Card>
        </div>
      ) : null}
    </>
  );
}
