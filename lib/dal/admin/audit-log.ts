import 'server-only';
import { and, desc, eq, gte, lt, sql, type SQL } from 'drizzle-orm';
import { rowsOf } from '@/db/client';
import { auditEvents, itemDirectory, projectDirectory, users } from '@/db/schema';
import type { Actor, ItemCategory } from '@/lib/authz';
import { auditSentence, reasonPhrase } from '@/lib/audit/sentence';
import { itemReference } from '@/lib/labels';
import { PAGE_SIZE, type Page } from '@/lib/list-query';
import type { AuditListParams } from '@/lib/validations/lists';
import { keyset, searchWhere } from '../list-page';
import type { RequestMeta } from '../audit';
import { withActor } from '../transaction';
import { assertAllowed } from '../guard';
import { clientLabelSql } from './labels';

export type AuditFilter = {
  actorId?: string | undefined;
  projectId?: string | undefined;
  outcome?: 'allowed' | 'denied' | undefined;
  before?: number | undefined;
};

export const AUDIT_PAGE_SIZE = 100;

const personLabel = (
  id: SQL,
) => sql<string>`(select case when u.role = 'client' then ${clientLabelSql(sql`u.id`)} else u.name end
  from users u where u.id = ${id})`;

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

type LabelledEvent = {
  id: number;
  at: Date;
  action: string;
  outcome: 'allowed' | 'denied';
  reason: string | null;
  ip: string | null;
  targetType: string;
  actorLabel: string | null;
  projectCodename: string | null;
  itemCategory: string | null;
  itemRef: number | null;
  targetPerson: string | null;
};

/** One event as the log shows it: labels, and the event as a sentence (lib/audit/catalogue.ts). */
function auditRow(r: LabelledEvent): AuditRow {
  const item =
    r.targetType === 'item' && r.itemCategory && r.itemRef !== null
      ? itemReference(r.itemCategory as ItemCategory, r.itemRef)
      : null;
  const target =
    item ?? (r.targetType === 'user' ? (r.targetPerson ?? 'Unknown account') : r.targetType.replace(/_/g, ' '));
  // The sentence names the item or person, else the project, else the kind of thing.
  const about = item || r.targetType === 'user' ? target : (r.projectCodename ?? target);
  return {
    id: r.id,
    at: r.at,
    action: r.action,
    outcome: r.outcome,
    reason: r.reason,
    ip: r.ip,
    actor: r.actorLabel ?? 'Anonymous',
    project: r.projectCodename,
    target,
    reasonText: r.reason ? reasonPhrase(r.reason) : null,
    sentence: auditSentence({ action: r.action, outcome: r.outcome, reason: r.reason, about }),
  };
}

export type AuditRow = {
  id: number;
  at: Date;
  /** The action's code, as recorded (the filter and the CSV's raw column). */
  action: string;
  outcome: 'allowed' | 'denied';
  /** As recorded: a refusal's code, or the words a person gave. */
  reason: string | null;
  ip: string | null;
  actor: string;
  project: string | null;
  target: string;
  /** The reason in plain words (lib/audit/reasons.ts). */
  reasonText: string | null;
  /** The event as a sentence for people: "Tried to read Deal terms item #3 — refused: not a member of the project". */
  sentence: string;
};

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

/** The actions that occur in the log, for the action filter. */
export async function listAuditActions(actor: Actor): Promise<string[]> {
  assertAllowed(actor, 'audit.view');
  // A loose index scan (recursive CTE over the action index): one probe per distinct action, not a full read.
  const rows = await withActor(actor, ({ tx }) =>
    tx.execute(sql`with recursive a(action) as (
      (select action from audit_events order by action limit 1)
      union all
      select (select e.action from audit_events e where e.action > a.action order by e.action limit 1) from a where a.action is not null)
    select action from a where action is not null`),
  );
  return rowsOf<{ action: string }>(rows).map((r) => r.action);
}

export async function listAuditFilterOptions(actor: Actor) {
  assertAllowed(actor, 'audit.view');
  return withActor(actor, async ({ tx }) => ({
    people: await tx
      .select({ id: users.id, label: personLabel(sql`${users.id}`) })
      .from(users)
      .orderBy(users.role, users.name),
    projects: await tx
      .select({ id: projectDirectory.id, codename: projectDirectory.codename })
      .from(projectDirectory)
      .orderBy(projectDirectory.codename),
  }));
}

/** An export of the audit log is itself an audited act (with the filters it used). */
export async function recordAuditExport(actor: Actor, params: AuditListParams, meta: RequestMeta): Promise<void> {
  assertAllowed(actor, 'audit.view');
  const { after: _a, before: _b, ...filters } = params;
  await withActor(actor, async ({ audit }) => {
    audit({
      actorId: actor.id,
      action: 'audit.export',
      targetType: 'audit_log',
      outcome: 'allowed',
      details: { filters },
      meta,
    });
  });
}
