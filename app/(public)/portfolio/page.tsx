import type { Metadata } from 'next';
import Link from 'next/link';
import { listPortfolio } from '@/lib/dal/projects/list-portfolio';
import { listPublicProfiles } from '@/lib/dal/profiles/list-public-profiles';

export const metadata: Metadata = { title: 'Portfolio' };
// Read on every request: a revoked authorization takes the work off this page at once.
export const dynamic = 'force-dynamic';

export default async function PortfolioPage() {
  const [entries, people] = await Promise.all([listPortfolio(), listPublicProfiles()]);
  return (
    <>
      <h1 className="text-2xl font-semibold tracking-tight">Selected work</h1>
      <p className="mt-1 text-sm text-muted">Shown only with each client&apos;s written permission.</p>
      {entries.length === 0 ? (
        <p className="mt-8 text-sm text-muted">Nothing to show yet.</p>
      ) : (
        <ul className="mt-8 grid gap-4 sm:grid-cols-2">
          {entries.map((entry) => (
            <li key={entry.id} className="rounded-lg border border-line bg-white p-5">
              <h2 className="font-semibold">{entry.title}</h2>
              <p className="mt-2 text-sm text-muted">{entry.summary}</p>
            </li>
          ))}
        </ul>
      )}
      {people.length > 0 ? (
        <section className="mt-10" aria-labelledby="profiles-heading">
          <h2 id="profiles-heading" className="text-lg font-semibold">
            Creators
          </h2>
          <p className="mt-1 text-sm text-muted">
            Public profiles, each showing only what its creator chose to make public.
          </p>
          <ul className="mt-4 space-y-2">
            {people.map((p) => (
              <li key={p.slug}>
                <Link href={`/profiles/${p.slug}`} className="text-sm text-accent hover:underline">
                  {p.name}
                </Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}
