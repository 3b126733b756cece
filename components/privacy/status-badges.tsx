import { Badge } from '@/components/ui/card';
import type { Urgency } from '@/lib/privacy/clocks';
import { REQUEST_STATUS_LABELS, type RequestStatus } from '@/lib/privacy/vocabulary';

export function StatusBadge({ status }: { status: RequestStatus }) {
  const tone = status === 'refused' ? 'danger' : status === 'completed' ? 'neutral' : 'accent';
  return <Badge tone={tone}>{REQUEST_STATUS_LABELS[status]}</Badge>;
}

/** Overdue and due-within-7-days stand out in the queue. */
export function UrgencyBadge({ urgency }: { urgency: Urgency | null }) {
  if (urgency === 'overdue') return <Badge tone="danger">Overdue</Badge>;
  if (urgency === 'due_soon') return <Badge tone="accent">Due within 7 days</Badge>;
  return null;
}
