import 'server-only';
import type { RequestMeta } from '@/lib/dal/audit';
import type { RefusedEvent } from '@/lib/dal/transaction';
import type { Settlement } from './attempt-throttle';

type Refused = (event: RefusedEvent) => void;

/** Records the locks a settlement started, each a refused attempt. */
export function auditLockouts(
  refused: Refused,
  settlement: Settlement,
  userId: string | null,
  meta: RequestMeta,
): void {
  for (const scope of settlement.lockedScopes) {
    refused({
      actorId: userId,
      action: 'auth.lockout',
      targetType: 'user',
      targetId: userId,
      reason: 'too_many_failures',
      details: { scope },
      meta,
    });
  }
}
