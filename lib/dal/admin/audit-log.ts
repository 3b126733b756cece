import 'server-only';
import { and, desc, eq, lt, sql, type SQL } from 'drizzle-orm';
import { auditEvents, itemDirectory, projectDirectory, users } from '@/db/schema';
import type { Actor, ItemCategory } from '@/lib/authz';
import { itemReference } from '@/lib/labels';
import { withActor } from '../transaction';
import { assertAllowed } from './guard';
import { clientLabelSql } from './labels';

export type AuditFilter = { actorId?: string | undefined; projectId?: string | undefined; outcome?: 'allowed' | 'denied' | undefined; before?: number | undefined };

export const AUDIT_PAGE_SIZE = 100;

const personLabel = (id: SQL) => sql<string>`(select case when u.role = 'client' then ${clientLabelSql(sql`u.id`)} else u.name end
  from users u where u.id = ${id})`;

/**
 * The audit log for administrators. Projects appear by codename, items by category and reference, client
 * users by their account's codename: the log itself reveals no content and no client identity.
 */
export async function listAuditEvents(actor: Actor, filter: AuditFilter) {
  assertAllowed(actor, 'audit.view');
  const rows = await withActor(actor, ({ tx }) => tx
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
      targetPerson: sql<string | null>`case when ${auditEvents.targetType} = 'user' then ${personLabel(sql`${auditEvents.targetId}`)} end`,
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
    .limit(AUDIT_PAGE_SIZE));
  return rows.map((r) => ({
    id: r.id,
    at: r.at,
    action: r.action,
    outcome: r.outcome,
    reason: r.reason,
    ip: r.ip,
    actor: r.actorLabel ?? 'Anonymous',
    project: r.projectCodename,
    target:
      r.targetType === 'item' && r.itemCategory && r.itemRef !== null
        ? itemReference(r.itemCategory as ItemCategory, r.itemRef)
        : r.targetType === 'user'
          ? (r.targetPerson ?? 'Unknown account')
          : r.targetType.replace(/_/g, ' '),
  }));
}

export async function listAuditFilterOptions(actor: Actor) {
  assertAllowed(actor, 'audit.view');
  return withActor(actor, async ({ tx }) => ({
    people: await tx.select({ id: users.id, label: personLabel(sql`${users.id}`) }).from(users).orderBy(users.role, users.name),
    projects: await tx.select({ id: projectDirectory.id, codename: projectDirectory.codename }).from(projectDirectory).orderBy(projectDirectory.codename),
  }));
}
