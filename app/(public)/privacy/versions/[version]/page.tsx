import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { Markdown } from '@/components/privacy/markdown';
import { getPolicyVersion } from '@/lib/dal/privacy/get-policy-version';
import { formatDate } from '@/lib/labels';

export const metadata: Metadata = { title: 'Earlier privacy policy' };

export default async function PolicyVersionPage({ params }: { params: Promise<{ version: string }> }) {
  const { version } = await params;
  if (!/^\d{1,6}$/.test(version)) notFound();
  const policy = await getPolicyVersion(Number(version));
  if (!policy) notFound();
  return (
    <article className="max-w-2xl space-y-6">
      <header className="space-y-2">
        <p className="text-sm">
          <Link href="/privacy" className="text-accent underline">
            ← The current policy
          </Link>
        </p>
        <h1 className="text-2xl font-semibold tracking-tight">{policy.title}</h1>
        <p className="text-sm text-muted">
          Version {policy.version}, in effect from {formatDate(policy.effectiveOn)}. {policy.summary}
        </p>
      </header>
      <Markdown source={policy.body} />
    </article>
  );
}
