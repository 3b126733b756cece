import type { Metadata } from 'next';
import { headers } from 'next/headers';
import { notFound } from 'next/navigation';
import { devMailboxEnabled, listOutbox } from '@/lib/dal/outbox/list-outbox';
import { isLoopbackRequest } from '@/lib/security/client-ip';
import { formatDateTime } from '@/lib/labels';

export const metadata: Metadata = { title: 'Development mailbox' };

/**
 * The email outbox, for development and the browser tests: a 404 in production unless CLEARANCE_DEV_MAILBOX=1
 * (which scripts/e2e-server.ts and the local demo set). It shows reset links: never enable it on a real server.
 * Even then it answers only this machine (a loopback socket, server.mjs: never a header), so nobody on the
 * network can read the reset link of an account they asked to reset.
 */
export default async function DevMailboxPage() {
  if (!devMailboxEnabled() || !isLoopbackRequest(await headers())) notFound();
  const emails = await listOutbox();
  return (
    <main id="main" className="mx-auto max-w-3xl px-4 py-8">
      <h1 className="text-2xl font-semibold">Development mailbox</h1>
      <p className="mt-1 mb-6 text-sm text-muted">
        The newest {emails.length} emails of the outbox. Not available in production.
      </p>
      {emails.length === 0 ? <p className="text-sm text-muted">No emails yet.</p> : null}
      <ol className="space-y-4">
        {emails.map((email) => (
          <li key={email.id}>
            <article
              aria-label={`Email to ${email.to}: ${email.subject}`}
              className="rounded-lg border border-line bg-white p-4 text-sm shadow-xs"
            >
              <h2 className="font-semibold">{email.subject}</h2>
              <p className="text-muted">
                To <span data-testid="email-to">{email.to}</span> · {formatDateTime(email.createdAt)} ·{' '}
                {email.sentAt ? 'sent' : 'not sent'}
              </p>
              <pre data-testid="email-text" className="mt-3 whitespace-pre-wrap font-mono text-xs">
                {email.text}
              </pre>
            </article>
          </li>
        ))}
      </ol>
    </main>
  );
}
