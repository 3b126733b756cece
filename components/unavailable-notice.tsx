/**
 * What a page says when the database could not be reached in time (the error's digest starts with
 * `unavailable-`, set by DatabaseUnavailableError, followed by the request id, which is the reference).
 * Shared by app/error.tsx and app/global-error.tsx. Nothing about the failure is shown.
 */
import { UNAVAILABLE_DIGEST } from '@/lib/errors';

export function unavailableReference(digest: unknown): string | null | undefined {
  if (typeof digest !== 'string' || !digest.startsWith(UNAVAILABLE_DIGEST)) return undefined;
  const id = digest.slice(UNAVAILABLE_DIGEST.length);
  return /^[a-f0-9]{16}$/.test(id) ? id : null;
}

export function UnavailableNotice({ reference, retry }: { reference: string | null; retry: () => void }) {
  return (
    <main id="main" className="mx-auto flex min-h-[60vh] max-w-md flex-col justify-center px-4 text-center">
      <h1 className="text-2xl font-semibold">Briefly unavailable</h1>
      <p className="mt-2 text-sm text-muted">Clearance is briefly unavailable. Please try again in a moment.</p>
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
  );
}
