import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { Card, PageHeader } from '@/components/ui/card';
import { PROFILE_FIELD_LABELS } from '@/lib/dal/profiles/labels';
import { listFreelancers } from '@/lib/dal/profiles/list-freelancers';
import { requireSessionUser } from '@/lib/dal/account/read-session-user';

export const metadata: Metadata = { title: 'Freelancers' };

/** Contractor profiles for choosing whom to grant: experience and skills (issue 14 point 5). */
export default async function FreelancersPage() {
  const user = await requireSessionUser();
  if (user.role !== 'staff' && user.role !== 'admin') notFound();
  const people = await listFreelancers(user);
  return (
    <>
      <PageHeader
        title="Freelancers"
        subtitle="Contractors' experience and skills, as they describe them, for choosing whom to ask for on a project."
      />
      {people.length === 0 ? (
        <Card>
          <p className="text-sm text-muted">No contractor has filled in a profile yet.</p>
        </Card>
      ) : (
        <ul className="space-y-3" aria-label="Freelancers">
          {people.map((p) => (
            <li key={p.userId} className="rounded-lg border border-line bg-white p-4">
              <h2 className="text-sm font-semibold">
                <Link href={`/creators/${p.profileId}`} className="text-accent underline">
                  {p.name}
                </Link>
              </h2>
              <dl className="mt-2 space-y-2">
                {p.fields.map((f) => (
                  <div key={f.field}>
                    <dt className="text-xs text-muted">{PROFILE_FIELD_LABELS[f.field]}</dt>
                    <dd className="whitespace-pre-line text-sm">{f.value}</dd>
                  </div>
                ))}
              </dl>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
