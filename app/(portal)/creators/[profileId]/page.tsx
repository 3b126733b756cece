import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { Badge, PageHeader } from '@/components/ui/card';
import { PROFILE_FIELD_LABELS } from '@/lib/dal/profiles/labels';
import { readProfile } from '@/lib/dal/profiles/read-profile';
import { requestMeta } from '@/lib/dal/account/read-request-meta';
import { requireSessionUser } from '@/lib/dal/account/read-session-user';
import { parseId } from '@/lib/validations/ids';

export const metadata: Metadata = { title: 'Profile' };

const VISIBILITY_BADGE = { private: 'Private', brand: 'Brands', public: 'Public' } as const;

/** Someone's profile as the policy lets the signed-in viewer see it (audited). */
export default async function CreatorProfilePage({ params }: { params: Promise<{ profileId: string }> }) {
  const { profileId } = await params;
  const id = parseId(profileId);
  if (!id) notFound();
  const user = await requireSessionUser();
  const profile = await readProfile(user, id, await requestMeta());
  if (!profile) notFound();
  const display = profile.fields.find((f) => f.field === 'display_name')?.value;
  return (
    <>
      <PageHeader
        title={display ?? profile.name ?? 'Profile'}
        subtitle="Only the fields you may see. Your view is recorded."
      />
      <dl className="space-y-4 rounded-lg border border-line bg-white p-5">
        {profile.fields.map((f) => (
          <div key={f.field}>
            <dt className="flex items-center gap-2 text-xs text-muted">
              {PROFILE_FIELD_LABELS[f.field]} <Badge>{VISIBILITY_BADGE[f.visibility]}</Badge>
            </dt>
            <dd className="mt-1 whitespace-pre-line text-sm">{f.value}</dd>
          </div>
        ))}
      </dl>
    </>
  );
}
