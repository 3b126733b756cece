import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { PROFILE_FIELD_LABELS } from '@/lib/dal/profiles/labels';
import { readPublicProfile } from '@/lib/dal/profiles/read-public-profile';

export const metadata: Metadata = { title: 'Profile' };
// Read on every request: a field made private again leaves this page at once.
export const dynamic = 'force-dynamic';

export default async function PublicProfilePage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  if (!/^[a-z0-9-]{1,64}$/.test(slug)) notFound();
  const profile = await readPublicProfile(slug);
  if (!profile) notFound();
  const name = profile.fields.find((f) => f.field === 'display_name')?.value;
  const rest = profile.fields.filter((f) => f.field !== 'display_name');
  return (
    <article>
      <h1 className="text-2xl font-semibold tracking-tight">{name ?? 'Profile'}</h1>
      <p className="mt-1 text-sm text-muted">Shown because this person chose to make these details public.</p>
      <dl className="mt-8 space-y-5">
        {rest.map((f) => (
          <div key={f.field}>
            <dt className="text-xs font-medium uppercase tracking-wide text-muted">{PROFILE_FIELD_LABELS[f.field]}</dt>
            <dd className="mt-1 whitespace-pre-line text-sm">{f.value}</dd>
          </div>
        ))}
      </dl>
    </article>
  );
}
