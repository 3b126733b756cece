import 'server-only';
import type { AuditEntry, RequestMeta } from '@/lib/dal/audit';
import type { Settlement } from './attempt-throttle';

type Audit = (entry: AuditEntry) => void;

/** Audits the locks a settlement started. */
export function auditLockouts(audit: Audit, settlement: Settlement, userId: string | null, meta: RequestMeta): void {
  for (const scope of settlement.lockedScopes) {
    audit({
      actorId: userId,
      action: 'auth.lockout',
      targetType: 'user',
      targetId: userId,
      outcome: 'denied',
      reason: 'too_many_failures',
      details: { scope },
      meta,
    });
  }
}
