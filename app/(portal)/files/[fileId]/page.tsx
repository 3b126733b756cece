import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { Badge, PageHeader } from '@/components/ui/card';
import { openFileViewer } from '@/lib/dal/files/open-file-viewer';
import { requestMeta } from '@/lib/dal/account/read-request-meta';
import { requireSessionUser } from '@/lib/dal/account/read-session-user';
import { formatDateTime } from '@/lib/labels';
import { parseId } from '@/lib/validations/ids';

export const metadata: Metadata = { title: 'File' };

/**
 * Views one file in the portal. PDFs as page images with the viewer's watermark burned in (each page its own
 * audited view and forensic code), images watermarked the same way, video and audio streamed unwatermarked.
 */
export default async function FileViewerPage({
  params,
  searchParams,
}: {
  params: Promise<{ fileId: string }>;
  searchParams: Promise<{ v?: string }>;
}) {
  const user = await requireSessionUser();
  const fileId = parseId((await params).fileId);
  const v = (await searchParams).v;
  const version = v && /^[1-9]\d{0,5}$/.test(v) ? Number(v) : null;
  const viewer = fileId ? await openFileViewer(user, fileId, version, await requestMeta()) : null;
  if (!viewer) notFound();
  const { grant } = viewer;
  const q = `?v=${grant.version}`;

  return (
    <>
      <p className="mb-2 text-sm">
        <Link href={`/items/${grant.itemId}`} className="text-accent hover:underline">
          ← {grant.itemRef}
        </Link>
      </p>
      <PageHeader
        title={<span className="break-all">{grant.name}</span>}
        subtitle={`Version ${grant.version} · ${grant.contentType} · opened ${formatDateTime(grant.at)}`}
        actions={
          <span className="flex flex-wrap items-center gap-3 text-sm">
            {grant.mayDownload ? null : <Badge tone="danger">View-only</Badge>}
            {grant.mayDownload && viewer.kind === 'pdf' ? (
              <a
                className="text-accent hover:underline"
                href={`/api/files/${grant.fileId}/view${q}`}
                target="_blank"
                rel="noopener"
              >
                Open as PDF
              </a>
            ) : null}
            {grant.mayDownload ? (
              <a className="text-accent hover:underline" href={`/api/files/${grant.fileId}/download${q}`} download>
                Download
              </a>
            ) : null}
          </span>
        }
      />
      {viewer.kind === 'media' ? (
        <div className="space-y-3">
          <p role="note" className="rounded-md border border-line bg-paper p-3 text-sm">
            Video and audio are <strong>not watermarked</strong>. Every request to play this file is recorded with your
            name.
          </p>
          {grant.contentType.startsWith('audio/') ? (
            <audio
              controls
              preload="metadata"
              src={`/api/files/${grant.fileId}/media${q}`}
              className="w-full"
              aria-label={grant.name}
            />
          ) : (
            <video
              controls
              preload="metadata"
              src={`/api/files/${grant.fileId}/media${q}`}
              className="w-full max-w-3xl rounded-md bg-black"
              aria-label={grant.name}
            />
          )}
        </div>
      ) : (
        <div className="space-y-4">
          <p role="note" className="rounded-md border border-line bg-paper p-3 text-sm">
            Your name, email, the time (UTC) and a forensic code are burned into{' '}
            {viewer.kind === 'pdf' ? 'every page' : 'this image'}. A screenshot cannot be prevented, only traced: each
            copy leads back to this view.
          </p>
          {viewer.kind === 'image' ? (
            // eslint-disable-next-line @next/next/no-img-element
            <img
              src={`/api/files/${grant.fileId}/view${q}`}
              alt={`${grant.name}, watermarked for you`}
              className="max-w-full rounded-md border border-line"
            />
          ) : (
            <ol className="space-y-4" aria-label="Pages">
              {Array.from({ length: viewer.pageCount }, (_, i) => (
                <li key={i}>
                  {/* eslint-disable-next-line @next/next/no-img-element */}
                  <img
                    src={`/api/files/${grant.fileId}/pages/${i + 1}${q}`}
                    alt={`Page ${i + 1} of ${viewer.pageCount}, watermarked for you`}
                    loading="lazy"
                    className="mx-auto max-w-full rounded-md border border-line bg-white shadow-xs"
                  />
                </li>
              ))}
            </ol>
          )}
        </div>
      )}
    </>
  );
}
