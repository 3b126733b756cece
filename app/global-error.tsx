'use client';

import './globals.css';
import { UnavailableNotice, unavailableReference } from '@/components/unavailable-notice';

/**
 * Replaces the root layout when even it fails. Like app/error.tsx it never shows the error's message, which
 * may quote confidential data; the digest only matches the server's log line.
 */
export default function GlobalError({ error, retry }: { error: Error & { digest?: string }; retry: () => void }) {
  const reference = typeof error?.digest === 'string' && /^[\w-]{1,64}$/.test(error.digest) ? error.digest : null;
  const unavailable = unavailableReference(error?.digest);
  if (unavailable !== undefined) {
    return (
      <html lang="en">
        <body className="min-h-screen font-sans antialiased">
          <title>Briefly unavailable · Clearance</title>
          <UnavailableNotice reference={unavailable} retry={retry} />
        </body>
      </html>
    );
  }
  return (
    <html lang="en">
      <body className="min-h-screen font-sans antialiased">
        <title>Something went wrong · Clearance</title>
        <main id="main" className="mx-auto flex min-h-[60vh] max-w-md flex-col justify-center px-4 text-center">
          <h1 className="text-2xl font-semibold">Something went wrong</h1>
          <p className="mt-2 text-sm text-muted">
            Clearance could not show this page. Nothing was changed. Please try again.
          </p>
          {reference ? <p className="mt-2 text-xs text-muted">Reference: {reference}</p> : null}
          <p className="mt-6 text-sm">
            <button
              type="button"
              onClick={() => retry()}
              className="rounded-md border border-line px-3 py-1.5 hover:bg-white"
            >
              Try again
            </button>
          </p>
        </main>
      </body>
    </html>
  );
}
