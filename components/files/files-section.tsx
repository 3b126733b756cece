import type { ReactNode } from 'react';
import { Badge, Card } from '@/components/ui/card';
import { formatDateTime } from '@/lib/labels';

/** What the item page passes in (lib/dal/files/list-item-files.ts shapes it). */
export type FilesSectionData = {
  files: {
    id: string;
    name: string;
    kind: 'pdf' | 'image' | 'media' | 'other';
    versions: { version: number; size: number; contentType: string; uploadedAt: Date; uploadedBy: string }[];
    reads: { person: string; version: number; action: 'viewed' | 'downloaded'; at: Date }[];
  }[];
  mayDownload: boolean;
  viewOnly: boolean;
};

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let v = n / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v.toFixed(v < 10 ? 1 : 0)} ${units[i]}`;
}

const link = 'text-accent underline-offset-2 hover:underline';

function Links({
  file,
  version,
  mayDownload,
  latest,
}: {
  file: FilesSectionData['files'][number];
  version: number;
  mayDownload: boolean;
  latest: boolean;
}) {
  const v = latest ? '' : `?v=${version}`;
  const label = latest ? file.name : `${file.name} version ${version}`;
  return (
    <span className="flex flex-wrap gap-x-3 gap-y-1 text-sm">
      {file.kind === 'other' ? null : (
        <a
          className={link}
          href={`/files/${file.id}${v}`}
          aria-label={`${file.kind === 'media' ? 'Play' : 'View'} ${label}`}
        >
          {file.kind === 'media' ? 'Play' : 'View'}
        </a>
      )}
      {mayDownload ? (
        <a className={link} href={`/api/files/${file.id}/download${v}`} aria-label={`Download ${label}`} download>
          Download
        </a>
      ) : null}
    </span>
  );
}

/**
 * The Files section of an item page: each file with its versions, view / download links as the reader may use
 * them, and who viewed or downloaded which version. The uploader (F3) is passed in as `uploader`.
 */
export function FilesSection({ data, uploader }: { data: FilesSectionData; uploader?: ReactNode }) {
  return (
    <Card
      title="Files"
      actions={data.viewOnly ? <Badge tone="danger">View-only</Badge> : <Badge>Downloads allowed</Badge>}
    >
      {uploader ? <div className="mb-4">{uploader}</div> : null}
      <p className="mb-4 text-xs text-muted">
        PDFs and images open with your name, email, the time and a forensic code burned into every page; a copy or a
        screenshot can be traced to you. Video and audio stream without a watermark.
        {data.viewOnly
          ? ' This item is view-only: its PDFs are shown as page images and nothing can be downloaded'
          : ''}
        {data.viewOnly && data.mayDownload ? ' except by you, the client who owns them.' : data.viewOnly ? '.' : ''}
      </p>
      {data.files.length === 0 ? (
        <p className="text-sm text-muted">No files on this item.</p>
      ) : (
        <ul className="space-y-5" aria-label="Files">
          {data.files.map((file) => {
            const [latest, ...older] = file.versions;
            return (
              <li
                key={file.id}
                className="border-t border-line pt-4 first:border-t-0 first:pt-0"
                data-testid="file-entry"
              >
                <div className="flex flex-wrap items-baseline justify-between gap-2">
                  <span className="font-medium break-all">{file.name}</span>
                  <Links file={file} version={latest!.version} mayDownload={data.mayDownload} latest />
                </div>
                <p className="mt-1 text-xs text-muted">
                  Version {latest!.version} · {formatBytes(latest!.size)} · {latest!.contentType} · by{' '}
                  {latest!.uploadedBy} · {formatDateTime(latest!.uploadedAt)}
                  {file.kind === 'media' ? ' · not watermarked' : ''}
                </p>
                {older.length > 0 ? (
                  <details className="mt-2 text-sm">
                    <summary className="cursor-pointer text-muted">Earlier versions ({older.length})</summary>
                    <ul className="mt-2 space-y-1">
                      {older.map((v) => (
                        <li key={v.version} className="flex flex-wrap items-baseline justify-between gap-2">
                          <span className="text-xs text-muted">
                            Version {v.version} · {formatBytes(v.size)} · by {v.uploadedBy} ·{' '}
                            {formatDateTime(v.uploadedAt)}
                          </span>
                          <Links file={file} version={v.version} mayDownload={data.mayDownload} latest={false} />
                        </li>
                      ))}
                    </ul>
                  </details>
                ) : null}
                <details className="mt-2 text-sm">
                  <summary className="cursor-pointer text-muted">
                    Who viewed which version ({file.reads.length})
                  </summary>
                  {file.reads.length === 0 ? (
                    <p className="mt-2 text-xs text-muted">No views you may see yet.</p>
                  ) : (
                    <ul className="mt-2 space-y-1 text-xs" aria-label={`Views of ${file.name}`}>
                      {file.reads.map((r, i) => (
                        <li key={i}>
                          {r.person} {r.action} version {r.version} · {formatDateTime(r.at)}
                        </li>
                      ))}
                    </ul>
                  )}
                </details>
              </li>
            );
          })}
        </ul>
      )}
    </Card>
  );
}
