import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { Card, PageHeader } from '@/components/ui/card';
import { requireSessionUser } from '@/lib/dal/account/read-session-user';
import { listClearedCreators } from '@/lib/dal/profiles/list-cleared-creators';

export const metadata: Metadata = { title: 'Creators' };

/** The talent and creators the agency person is cleared for (identity scope on one of their projects). */
export default async function CreatorsPage() {
  const user = await requireSessionUser();
  if (user.role === 'client') notFound();
  const people = await listClearedCreators(user);
  return (
    <>
      <PageHeader
        title="Creators"
        subtitle="Profiles of the talent you are cleared for: you lead or hold the identity scope on one of their projects."
      />
      {people.length === 0 ? (
        <Card>
          <p className="text-sm text-muted">No creator profiles you are cleared for.</p>
        </Card>
      ) : (
        <ul className="space-y-2" aria-label="Creators">
          {people.map((p) => (
            <li key={p.profileId}>
              <Link className="text-sm text-accent hover:underline" href={`/creators/${p.profileId}`}>
                {p.name}
              </Link>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
