import 'server-only';
import { and, desc, eq, lt, sql } from 'drizzle-orm';
import { auditEvents, itemDirectory, projectDirectory } from '@/db/schema';
import type { Actor } from '@/lib/authz';
import { assertAllowed } from '../guard';
import { withActor } from '../transaction';
import { auditRow, personLabel } from './audit-row';

export type AuditFilter = {
  actorId?: string | undefined;
  projectId?: string | undefined;
  outcome?: 'allowed' | 'denied' | undefined;
  before?: number | undefined;
};

export const AUDIT_PAGE_SIZE = 100;

/**
 * The audit log for administrators. Projects appear by codename, items by category and reference, client
 * users by their account's codename: the log itself reveals no content and no client identity.
 */
export async function listAuditEvents(actor: Actor, filter: AuditFilter) {
  assertAllowed(actor, 'audit.view');
  const rows = await withActor(actor, ({ tx }) =>
    tx
      .select({
        id: auditEvents.id,
        at: auditEvents.at,
        action: auditEvents.action,
        outcome: auditEvents.outcome,
        reason: auditEvents.reason,
        ip: auditEvents.ip,
        targetType: auditEvents.targetType,
        actorLabel: personLabel(sql`${auditEvents.actorId}`),
        projectCodename: projectDirectory.codename,
        itemCategory: itemDirectory.category,
        itemRef: itemDirectory.ref,
        targetPerson: sql<
          string | null
        >`case when ${auditEvents.targetType} = 'user' then ${personLabel(sql`${auditEvents.targetId}`)} end`,
      })
      .from(auditEvents)
      .leftJoin(projectDirectory, eq(projectDirectory.id, auditEvents.projectId))
      .leftJoin(itemDirectory, and(eq(auditEvents.targetType, 'item'), eq(itemDirectory.id, auditEvents.targetId)))
      .where(
        and(
          filter.actorId ? eq(auditEvents.actorId, filter.actorId) : undefined,
          filter.projectId ? eq(auditEvents.projectId, filter.projectId) : undefined,
          filter.outcome ? eq(auditEvents.outcome, filter.outcome) : undefined,
          filter.before ? lt(auditEvents.id, filter.before) : undefined,
        ),
      )
      .orderBy(desc(auditEvents.id))
      .limit(AUDIT_PAGE_SIZE),
  );
  return rows.map(auditRow);
}
