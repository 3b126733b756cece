import type { ClassifyChange } from '@/lib/authz/handover';

/** "lower to confidential and share with the counterparty", in words a client reads. */
export function describeChange(from: ClassifyChange, to: ClassifyChange): string {
  const parts: string[] = [];
  if (from.classification !== to.classification)
    parts.push(to.classification === 'high_risk' ? 'raise to high-risk' : 'lower from high-risk to confidential');
  if (from.sharedWithCounterparty !== to.sharedWithCounterparty)
    parts.push(to.sharedWithCounterparty ? 'share with the counterparty' : 'stop sharing with the counterparty');
  return parts.join(' and ') || 'keep as it is';
}
