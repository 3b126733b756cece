'use client';

import Link from 'next/link';
import { UnavailableNotice, unavailableReference } from '@/components/unavailable-notice';

/**
 * Shown when a page fails unexpectedly. Deliberately generic: an error's message may quote the data it was
 * handling (a database error can name an item's contents), so it is never shown. The digest is an opaque
 * reference that matches the server's log line, nothing more.
 */
export default function ErrorPage({ error, retry }: { error: Error & { digest?: string }; retry: () => void }) {
  const reference = typeof error?.digest === 'string' && /^[\w-]{1,64}$/.test(error.digest) ? error.digest : null;
  // The database could not be reached in time: say so, and that trying again shortly will work.
  const unavailable = unavailableReference(error?.digest);
  if (unavailable !== undefined) return <UnavailableNotice reference={unavailable} retry={retry} />;
  return (
    <main id="main" className="mx-auto flex min-h-[60vh] max-w-md flex-col justify-center px-4 text-center">
      <h1 className="text-2xl font-semibold">Something went wrong</h1>
      <p className="mt-2 text-sm text-muted">This page could not be shown. Nothing was changed. Please try again.</p>
      {reference ? <p className="mt-2 text-xs text-muted">Reference: {reference}</p> : null}
      <p className="mt-6 flex justify-center gap-4 text-sm">
        <button
          type="button"
          onClick={() => retry()}
          className="rounded-md border border-line px-3 py-1.5 hover:bg-white"
        >
          Try again
        </button>
        <Link href="/" className="px-3 py-1.5 text-accent hover:underline">
          Back to your projects
        </Link>
      </p>
    </main>
  );
}
