import 'server-only';
import { auditEvents } from '@/db/schema';
import type { Executor } from '@/db/client';

export type RequestMeta = { ip: string | null; userAgent: string | null };

export type AuditEntry = {
  actorId: string | null;
  action: string;
  targetType: string;
  targetId?: string | null;
  projectId?: string | null;
  outcome: 'allowed' | 'denied';
  reason?: string | null;
  details?: Record<string, unknown>;
  meta?: RequestMeta;
};

/**
 * Writes one audit event with the caller's executor, so it commits or fails with the act it records
 * (fail closed: a read whose event cannot be written is not served).
 */
export async function recordAudit(db: Executor, entry: AuditEntry): Promise<void> {
  await db.insert(auditEvents).values({
    actorId: entry.actorId,
    action: entry.action,
    targetType: entry.targetType,
    targetId: entry.targetId ?? null,
    projectId: entry.projectId ?? null,
    outcome: entry.outcome,
    reason: entry.reason ?? null,
    details: entry.details ?? null,
    ip: entry.meta?.ip ?? null,
    userAgent: entry.meta?.userAgent?.slice(0, 512) ?? null,
  });
}
