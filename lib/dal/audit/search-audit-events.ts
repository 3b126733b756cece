import 'server-only';
import { and, eq, gte, lt, sql, type SQL } from 'drizzle-orm';
import { auditEvents, itemDirectory, projectDirectory } from '@/db/schema';
import type { Actor } from '@/lib/authz';
import { PAGE_SIZE, type Page } from '@/lib/list-query';
import type { AuditListParams } from '@/lib/validations/lists';
import { assertAllowed } from '../guard';
import { keyset, searchWhere } from '../list-page';
import { withActor } from '../transaction';
import { auditRow, personLabel, type AuditRow } from './audit-row';

const nextDay = (day: string) => new Date(Date.parse(`${day}T00:00:00.000Z`) + 86_400_000);

/** The WHERE of the filters (date range in whole UTC days, actor, project, action, outcome, text). */
function auditFilterWhere(params: AuditListParams): SQL | undefined {
  return and(
    params.from ? gte(auditEvents.at, new Date(`${params.from}T00:00:00.000Z`)) : undefined,
    params.to ? lt(auditEvents.at, nextDay(params.to)) : undefined,
    params.actorId ? eq(auditEvents.actorId, params.actorId) : undefined,
    params.projectId ? eq(auditEvents.projectId, params.projectId) : undefined,
    params.action ? eq(auditEvents.action, params.action) : undefined,
    params.outcome ? eq(auditEvents.outcome, params.outcome) : undefined,
    // Free text over the event's own text: action, reason, address and target kind (the project has its own
    // filter; a codename match would need the join for every row scanned).
    searchWhere(params.q, [
      sql`${auditEvents.action}`,
      sql`${auditEvents.reason}`,
      sql`${auditEvents.ip}`,
      sql`${auditEvents.targetType}`,
    ]),
  );
}

/**
 * One page of the audit log (issue 16), newest first unless asked otherwise, filtered and searched in SQL and
 * paged by id both ways; labels as `listAuditEvents` gives them.
 */
export async function searchAuditEvents(
  actor: Actor,
  params: AuditListParams,
  size = PAGE_SIZE,
): Promise<Page<AuditRow>> {
  assertAllowed(actor, 'audit.view');
  const id = { expr: sql`${auditEvents.id}`, type: 'bigint' as const };
  const page = keyset(id, id, params, size);
  const rows = await withActor(actor, async ({ tx }) => {
    // The page of events first (an index scan that stops after a page), then the labels for those rows only:
    // joined before the limit, the directories would be read whole for every page.
    const e = tx
      .select({
        id: auditEvents.id,
        at: auditEvents.at,
        actorId: auditEvents.actorId,
        action: auditEvents.action,
        outcome: auditEvents.outcome,
        reason: auditEvents.reason,
        ip: auditEvents.ip,
        targetType: auditEvents.targetType,
        targetId: auditEvents.targetId,
        projectId: auditEvents.projectId,
        ...page.columns,
      })
      .from(auditEvents)
      .where(and(auditFilterWhere(params), page.where))
      .orderBy(...page.orderBy)
      .limit(page.limit)
      .as('e');
    return (
      tx
        .select({
          id: e.id,
          at: e.at,
          action: e.action,
          outcome: e.outcome,
          reason: e.reason,
          ip: e.ip,
          targetType: e.targetType,
          actorLabel: personLabel(sql`${e.actorId}`),
          // Scalar subqueries, not joins: the directories are security-barrier views, which a join reads whole;
          // a subquery's key reaches the view's index (one probe per row of the page).
          projectCodename: sql<
            string | null
          >`(select d.codename from ${projectDirectory} d where d.id = ${e.projectId})`,
          itemCategory: sql<
            string | null
          >`(select d.category::text from ${itemDirectory} d where ${e.targetType} = 'item' and d.id = ${e.targetId})`,
          itemRef: sql<
            number | null
          >`(select d.ref from ${itemDirectory} d where ${e.targetType} = 'item' and d.id = ${e.targetId})`,
          targetPerson: sql<
            string | null
          >`case when ${e.targetType} = 'user' then ${personLabel(sql`${e.targetId}`)} end`,
          cursorKey: e.cursorKey,
          cursorId: e.cursorId,
        })
        .from(e)
        // The subquery's order, kept (page.page turns a backward page round).
        .orderBy(sql`${e.id} ${sql.raw(page.backwards !== (params.dir === 'desc') ? 'desc' : 'asc')}`)
    );
  });
  const result = page.page(rows);
  return {
    ...result,
    rows: result.rows.map(auditRow),
  };
}

/**
 * Every event matching the filters, a page at a time (for the CSV export): each page is its own short
 * transaction, so a large export never holds the whole result in memory nor one long transaction open.
 */
export async function* auditEventPages(actor: Actor, params: AuditListParams, size = 1000): AsyncGenerator<AuditRow[]> {
  let cursor: string | undefined;
  for (;;) {
    const page = await searchAuditEvents(actor, { ...params, after: cursor, before: undefined }, size);
    if (page.rows.length > 0) yield page.rows;
    if (!page.next) return;
    cursor = page.next;
  }
}
