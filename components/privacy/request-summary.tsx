import { formatDate } from '@/lib/labels';
import { formatRequestRef, REQUEST_KIND_SHORT, type RequestKind } from '@/lib/privacy/vocabulary';

/** The reference, kind and due date of a request, as the requester sees them. */
export function RequestSummary({ reference, kind, dueOn }: { reference: number; kind: RequestKind; dueOn: string }) {
  return (
    <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 rounded-md border border-line bg-white p-3 text-sm">
      <dt className="text-muted">Reference</dt>
      <dd data-testid="request-ref">{formatRequestRef(reference)}</dd>
      <dt className="text-muted">Request</dt>
      <dd>{REQUEST_KIND_SHORT[kind]}</dd>
      <dt className="text-muted">We answer by</dt>
      <dd data-testid="request-due">{formatDate(dueOn)}</dd>
    </dl>
  );
}
