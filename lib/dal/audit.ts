import 'server-only';
import { auditEvents } from '@/db/schema';
import type { Executor } from '@/db/client';
import type { AuditAction, AuditDetails } from '@/lib/audit/catalogue';

export type { AuditAction } from '@/lib/audit/catalogue';

export type RequestMeta = { ip: string | null; userAgent: string | null };

/** One event of one action of the catalogue (lib/audit/catalogue.ts), with that action's details. */
type EntryOf<A extends AuditAction> = {
  actorId: string | null;
  action: A;
  targetType: string;
  targetId?: string | null;
  projectId?: string | null;
  outcome: 'allowed' | 'denied';
  /** A refusal's reason (a code with a phrase in lib/audit/reasons.ts), or the words a person gave for an act. */
  reason?: string | null;
  details?: AuditDetails<A>;
  meta?: RequestMeta | undefined;
};

/**
 * An audit event to write: its action is one of the catalogue's (an unknown action does not compile) and its
 * details have that action's shape (a helper handed any action may write it without details). `AuditEntry<'item.read'>`
 * is the event of one action.
 */
export type AuditEntry<A extends AuditAction = AuditAction> = { [K in A]: EntryOf<K> }[A] | Bare<A>;

/** An event without details, of any action of the catalogue: what a helper that is handed the action writes. */
type Bare<A extends AuditAction> = Omit<EntryOf<A>, 'details'> & { details?: undefined };

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
    details: (entry.details as Record<string, unknown> | undefined) ?? null,
    ip: entry.meta?.ip ?? null,
    userAgent: entry.meta?.userAgent?.slice(0, 512) ?? null,
  });
}
