import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { Card, PageHeader } from '@/components/ui/card';
import { Cell, Table } from '@/components/ui/table';
import { mayAdminister } from '@/lib/dal/guard';
import { traceForensicCode } from '@/lib/dal/files/trace-forensic-code';
import { requestMeta } from '@/lib/dal/account/read-request-meta';
import { requireSessionUser } from '@/lib/dal/account/read-session-user';
import { formatDateTime } from '@/lib/labels';

export const metadata: Metadata = { title: 'Trace a leak' };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? '';

const VIA: Record<string, string> = {
  'pdf-text': 'read from the text of the uploaded PDF',
  'pdf-qr': 'read from the QR code on a page of the uploaded PDF',
  'image-metadata': 'read from the uploaded image',
  'image-qr': 'read from the QR code in the uploaded image',
  code: 'as typed',
};

/**
 * Traces a leaked page or image to the view it came from (issue 13 point 5): paste the forensic code printed on it,
 * or upload the leaked copy. The look-up is audited, and the owning client sees it in their access history.
 */
export default async function TracePage({ searchParams }: { searchParams: SearchParams }) {
  const user = await requireSessionUser();
  if (!mayAdminister(user, 'audit.view')) notFound();
  const params = await searchParams;
  const code = one(params.code).slice(0, 40);
  const failed = one(params.leak) === 'unreadable';
  const result = code ? await traceForensicCode(user, { code }, await requestMeta()) : null;
  const via = VIA[one(params.via)] ?? VIA.code;

  return (
    <>
      <PageHeader
        title="Trace a leak"
        subtitle="Every watermarked page and image carries a forensic code (WM-XXXX-XXXX). It leads to the view it was made for."
      />
      <div className="grid gap-6 lg:grid-cols-2">
        <Card title="Paste a code">
          <form method="get" className="space-y-3" aria-label="Trace a forensic code">
            <label htmlFor="code" className="block text-sm font-medium">
              Forensic code
            </label>
            <input
              id="code"
              name="code"
              defaultValue={code}
              required
              maxLength={40}
              placeholder="WM-7K3F-9QXD"
              autoComplete="off"
              className="block w-full rounded-md border border-line bg-white px-3 py-2 font-mono text-sm"
            />
            <button
              type="submit"
              className="rounded-md bg-accent px-4 py-2 text-sm font-medium text-white hover:opacity-90"
            >
              Trace
            </button>
          </form>
        </Card>
        <Card title="Or upload the leaked copy">
          <form
            method="post"
            action="/admin/trace/leak"
            encType="multipart/form-data"
            className="space-y-3"
            aria-label="Trace a leaked file"
          >
            <label htmlFor="leaked" className="block text-sm font-medium">
              Leaked PDF or image (up to 8 MB)
            </label>
            <input
              id="leaked"
              name="leaked"
              type="file"
              required
              accept="application/pdf,image/png,image/jpeg,image/webp"
              className="block w-full text-sm"
            />
            <p className="text-xs text-muted">
              The code is read from a PDF&apos;s text, or from the QR code printed in the corners of every watermarked
              page and image — so a re-encoded, scaled or slightly cropped screenshot works too. If nothing can be read,
              type the code printed on it.
            </p>
            <button
              type="submit"
              className="rounded-md bg-accent px-4 py-2 text-sm font-medium text-white hover:opacity-90"
            >
              Read the code and trace
            </button>
          </form>
        </Card>
      </div>
      {failed ? (
        <p role="status" className="mt-6 text-sm text-danger">
          No forensic code found in that file: neither its text nor a QR code in its pixels carries one. It may not come
          from Clearance, or be too cropped or blurred — type the code printed on it instead.
        </p>
      ) : null}
      {code ? (
        <div className="mt-6">
          <Card title="Result">
            {!result || result.codes.length === 0 ? (
              <p role="status" className="text-sm text-danger">
                That is not a forensic code (they look like WM-7K3F-9QXD).
              </p>
            ) : result.matches.length === 0 ? (
              <p role="status" className="text-sm">
                No view carries the code <span className="font-mono">{result.codes.join(', ')}</span>. This look-up was
                recorded.
              </p>
            ) : (
              <>
                <p role="status" className="mb-3 text-sm">
                  Code <span className="font-mono">{result.codes.join(', ')}</span> ({via}) was made for this view. This
                  look-up was recorded and the client who owns the file sees it in their access history.
                </p>
                <Table headers={['When (UTC)', 'Who', 'What', 'File', 'From']} caption="Views with this code">
                  {result.matches.map((m) => (
                    <tr key={m.eventId} data-testid="trace-match">
                      <Cell>{formatDateTime(m.at)}</Cell>
                      <Cell>
                        {m.person}
                        <br />
                        <span className="text-xs text-muted">{m.email}</span>
                      </Cell>
                      <Cell>
                        {m.action === 'downloaded'
                          ? 'Downloaded'
                          : m.mode === 'page' && m.page
                            ? `Viewed page ${m.page}`
                            : 'Viewed'}
                      </Cell>
                      <Cell>
                        Version {m.version} of file <span className="font-mono text-xs">{m.fileId.slice(0, 8)}</span>
                        <br />
                        <span className="text-xs text-muted">
                          {m.item}, {m.project}
                        </span>
                      </Cell>
                      <Cell>
                        {m.ip ?? 'unknown IP'}
                        {m.userAgent ? (
                          <span className="block max-w-56 truncate text-xs text-muted" title={m.userAgent}>
                            {m.userAgent}
                          </span>
                        ) : null}
                      </Cell>
                    </tr>
                  ))}
                </Table>
              </>
            )}
          </Card>
        </div>
      ) : null}
    </>
  );
}
