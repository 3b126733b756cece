import type { Metadata } from 'next';
import { describeExportLink } from '@/lib/dal/privacy/exports';
import { formatDateTime } from '@/lib/labels';

export const metadata: Metadata = { title: 'Your data' };

/**
 * Opening the emailed link shows what it is; only the button downloads (and uses up) the export, so a mail
 * scanner that follows links does not spend it.
 */
export default async function ExportPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const link = /^[\w-]{20,100}$/.test(token) ? await describeExportLink(token) : null;
  return (
    <div className="max-w-xl space-y-4">
      <h1 className="text-2xl font-semibold tracking-tight">Your data from Clearance</h1>
      {link?.state === 'ready' ? (
        <>
          <p className="text-sm">
            A copy of everything Clearance holds about you for request {link.ref}: a ZIP file with a machine-readable JSON
            file and a page you can read in a browser. This link works <strong>once</strong>; it expires {formatDateTime(link.expiresAt)}.
          </p>
          <form method="post" action={`/privacy/export/${token}/download`}>
            <button type="submit" className="rounded-md bg-accent px-3.5 py-2 text-sm font-medium text-white hover:bg-accent/90">
              Download my data
            </button>
          </form>
        </>
      ) : (
        <p className="text-sm" role="status">
          This download link is not valid any more: it was already used, or it has expired. Make a new request to get a fresh copy.
        </p>
      )}
    </div>
  );
}
