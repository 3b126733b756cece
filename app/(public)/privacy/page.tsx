import type { Metadata } from 'next';
import Link from 'next/link';
import { Markdown } from '@/components/privacy/markdown';
import { getCurrentPolicy } from '@/lib/dal/privacy/get-current-policy';
import { listPolicyVersions } from '@/lib/dal/privacy/list-policy-versions';
import { formatDate } from '@/lib/labels';

export const metadata: Metadata = { title: 'Privacy' };

/** The privacy policy in effect, with its date and the earlier versions (issue 6). */
export default async function PrivacyPage() {
  const [policy, versions] = await Promise.all([getCurrentPolicy(), listPolicyVersions()]);
  const earlier = versions.filter((v) => v.version !== policy?.version);
  return (
    <article className="max-w-2xl space-y-6">
      <header className="space-y-2">
        <h1 className="text-2xl font-semibold tracking-tight">{policy?.title ?? 'Privacy policy'}</h1>
        {policy ? (
          <p className="text-sm text-muted" data-testid="policy-last-updated">
            Last updated {formatDate(policy.effectiveOn)} · version {policy.version}
          </p>
        ) : null}
        <nav aria-label="Privacy" className="flex flex-wrap gap-3 text-sm">
          <Link href="/privacy/request" className="text-accent underline">
            Make a privacy request
          </Link>
          <Link href="/privacy/cookies" className="text-accent underline">
            Cookie settings
          </Link>
        </nav>
      </header>
      {policy ? <Markdown source={policy.body} /> : <p className="text-sm">The policy has not been published yet.</p>}
      <section aria-labelledby="earlier-versions" className="border-t border-line pt-4">
        <h2 id="earlier-versions" className="text-base font-semibold">
          Earlier versions
        </h2>
        {earlier.length === 0 ? (
          <p className="text-sm text-muted">This is the first version.</p>
        ) : (
          <ul className="mt-2 space-y-1 text-sm">
            {earlier.map((v) => (
              <li key={v.version}>
                <Link href={`/privacy/versions/${v.version}`} className="text-accent underline">
                  Version {v.version}, in effect from {formatDate(v.effectiveOn)}
                </Link>
                <span className="text-muted"> · {v.summary}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </article>
  );
}
