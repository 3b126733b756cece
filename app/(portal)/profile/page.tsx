import type { Metadata } from 'next';
import Link from 'next/link';
import { ProfileFieldForm } from '@/components/profiles/profile-field-form';
import { Card, PageHeader } from '@/components/ui/card';
import { NEVER_PUBLIC_FIELDS, PROFILE_NOTICE_VERSION } from '@/lib/authz/profiles';
import { PROFILE_FIELD_LABELS, VISIBILITY_LABELS } from '@/lib/dal/profiles/labels';
import { readMyProfile } from '@/lib/dal/profiles/read-my-profile';
import { requireSessionUser } from '@/lib/dal/account/read-session-user';
import { formatDateTime } from '@/lib/labels';
import { ActionForm } from '@/components/forms/action-form';
import { withdrawShortlistEntryAction } from '../shortlists/actions';
import { updateProfileFieldAction } from './actions';

export const metadata: Metadata = { title: 'My profile' };

export default async function ProfilePage() {
  const user = await requireSessionUser();
  const profile = await readMyProfile(user);
  if (!profile) {
    return (
      <>
        <PageHeader title="My profile" />
        <Card>
          <p className="text-sm text-muted">
            Profiles are for talent, creators and contractors. A brand account has none.
          </p>
        </Card>
      </>
    );
  }
  return (
    <>
      <PageHeader
        title="My profile"
        subtitle="Every field starts private: only the agency people already cleared for you see it. You decide, field by field, what brands you are proposed to and the public may see."
      />
      <Card title="Your public profile">
        {!profile.mayBePublic ? (
          <p className="text-sm text-muted">
            You asked for zero public association, so you have no public profile page.
          </p>
        ) : profile.hasPublicField && profile.slug ? (
          <p className="text-sm">
            Your public page:{' '}
            <Link className="text-accent hover:underline" href={`/profiles/${profile.slug}`}>
              /profiles/{profile.slug}
            </Link>
          </p>
        ) : (
          <p className="text-sm text-muted">Nothing is public, so there is no public profile page.</p>
        )}
      </Card>
      <section aria-label="Profile fields" className="mt-6 space-y-4">
        {profile.fields.map((f) => (
          <ProfileFieldForm
            key={`${f.field}-${f.visibility}-${f.value}`}
            action={updateProfileFieldAction}
            field={f.field}
            label={PROFILE_FIELD_LABELS[f.field]}
            value={f.value}
            visibility={f.visibility}
            neverPublic={NEVER_PUBLIC_FIELDS.includes(f.field)}
            publicBlocked={!profile.mayBePublic}
            noticeVersion={PROFILE_NOTICE_VERSION}
            visibilityLabels={VISIBILITY_LABELS}
          />
        ))}
      </section>
      <div className="mt-6 grid gap-6 lg:grid-cols-2">
        <Card title="Proposed to brands">
          {profile.proposals.length === 0 ? (
            <p className="text-sm text-muted">The agency has not proposed you to a brand.</p>
          ) : (
            <ul className="space-y-2 text-sm" aria-label="Proposals">
              {profile.proposals.map((p) => (
                <li key={p.shortlistId} className="flex flex-wrap items-center justify-between gap-2">
                  <span>
                    {p.brand}
                    {p.campaign ? ` — ${p.campaign}` : ''}{' '}
                    {p.proposedAt ? <span className="text-muted">· {formatDateTime(p.proposedAt)}</span> : null}
                    {p.withdrawnAt ? (
                      <span className="block text-muted">{`Withdrawn ${p.withdrawnBy === 'you' ? 'by you' : 'by the agency'} ${formatDateTime(p.withdrawnAt)}: the brand no longer sees you there.`}</span>
                    ) : null}
                  </span>
                  {p.withdrawnAt ? null : (
                    <ActionForm
                      inline
                      label={`Withdraw me from ${p.campaign ? `“${p.campaign}” for ` : 'the shortlist for '}${p.brand}`}
                      action={withdrawShortlistEntryAction}
                      submitLabel="Withdraw me"
                      variant="danger"
                      fields={[
                        { kind: 'hidden', name: 'shortlistId', value: p.shortlistId },
                        { kind: 'hidden', name: 'profileId', value: p.profileId },
                      ]}
                      confirm={{
                        title: `Withdraw from the shortlist for ${p.brand}?`,
                        description: `${p.brand} stops seeing your profile on this shortlist at once. The agency is told through the shortlist. This cannot be undone.`,
                        confirmLabel: 'Withdraw me',
                      }}
                    />
                  )}
                </li>
              ))}
            </ul>
          )}
        </Card>
        <Card title="Brand views of your profile">
          {profile.views.length === 0 ? (
            <p className="text-sm text-muted">No brand has viewed a shortlist with you on it.</p>
          ) : (
            <ul className="space-y-2 text-sm" aria-label="Brand views">
              {profile.views.map((v) => (
                <li key={v.id}>
                  {v.brand} viewed a shortlist with you on it{' '}
                  <span className="text-muted">· {formatDateTime(v.at)}</span>
                </li>
              ))}
            </ul>
          )}
        </Card>
      </div>
      <div className="mt-6">
        <Card title="Your consent record">
          {profile.consents.length === 0 ? (
            <p className="text-sm text-muted">You have not changed who may see any field.</p>
          ) : (
            <ul className="space-y-1 text-sm" aria-label="Consent record">
              {profile.consents.map((c) => (
                <li key={c.id}>
                  {formatDateTime(c.at)} · {PROFILE_FIELD_LABELS[c.field]}: {c.from} → {c.to}{' '}
                  <span className="text-muted">(notice {c.noticeVersion})</span>
                </li>
              ))}
            </ul>
          )}
        </Card>
      </div>
    </>
  );
}
