import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { describeExportLink } from '@/lib/dal/privacy/describe-export-link';
import { formatDateTime } from '@/lib/labels';

export const metadata: Metadata = { title: 'Your data' };

/**
 * Opening the emailed link shows what it is; only the button downloads (and uses up) the export, so a mail
 * scanner that follows links does not spend it. An unknown, used or expired link answers 404 (not-found.tsx
 * beside this page says so in plain words), the same for each.
 */
export default async function ExportPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const link = /^[\w-]{20,100}$/.test(token) ? await describeExportLink(token) : null;
  if (link?.state !== 'ready') notFound();
  return (
    <div className="max-w-xl space-y-4">
      <h1 className="text-2xl font-semibold tracking-tight">Your data from Clearance</h1>
      <p className="text-sm">
        A copy of everything Clearance holds about you for request {link.ref}, in one ZIP file: a page to read in your
        browser (<code>index.html</code>), the same data for computers (<code>export.json</code>), and every file you
        uploaded, exactly as you uploaded it. This link works <strong>once</strong>; it expires{' '}
        {formatDateTime(link.expiresAt)}. With large files the download can take a while: keep this page open until it
        finishes.
      </p>
      <form method="post" action={`/privacy/export/${token}/download`}>
        <button
          type="submit"
          className="rounded-md bg-accent px-3.5 py-2 text-sm font-medium text-white hover:bg-accent/90"
        >
          Download my data
        </button>
      </form>
    </div>
  );
}
