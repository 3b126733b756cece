import 'server-only';
import { and, eq, gte, inArray, lt, or, sql } from 'drizzle-orm';
import { auditEvents, itemDirectory, projectDirectory } from '@/db/schema';
import type { Actor, ItemCategory } from '@/lib/authz';
import { auditLabel, auditSentence, reasonPhrase } from '@/lib/audit/sentence';
import { itemReference } from '@/lib/labels';
import { PAGE_SIZE, type SortDir } from '@/lib/list-query';
import { keyset } from '../list-page';
import { withActor } from '../transaction';
import { peopleLabeller } from '../clients/label-people';

export type HistoryFilter = {
  projectId?: string | undefined;
  personId?: string | undefined;
  /** Inclusive days, `YYYY-MM-DD` (UTC). */
  from?: string | undefined;
  to?: string | undefined;
};

export type HistoryEntry = {
  id: number;
  at: Date;
  project: string;
  person: string;
  /** What was done, in words ("Read", "Tried to read"; lib/audit/catalogue.ts). */
  action: string;
  subject: string;
  outcome: 'allowed' | 'denied';
  /** As recorded: a refusal's code, or the words a person gave. */
  reason: string | null;
  /** The reason in plain words (a code's phrase; a person's words as they wrote them). */
  reasonText: string | null;
  /** The whole event as one sentence: "Tried to grant project access to … — refused: …". */
  sentence: string;
};

export type AccessHistory = {
  entries: HistoryEntry[];
  /** More events match than are shown: page on with `next`. */
  truncated: boolean;
  /** Cursors of the next (older, by default) and previous pages; null when there is none. */
  next: string | null;
  prev: string | null;
  projects: { id: string; codename: string }[];
  people: { id: string; label: string }[];
};

const nextDay = (day: string) => new Date(Date.parse(`${day}T00:00:00.000Z`) + 86_400_000);

/**
 * The owning client's access history (issue 4, flow 3): every audit event of their projects — who read which
 * of their items, grants and revocations, authorizations — filtered in the query by project, person (as actor
 * or as the one granted) and date. Items by category and reference; people as `peopleLabeller` names them.
 */
export type HistoryPaging = { dir?: SortDir | undefined; after?: string | undefined; before?: string | undefined };

export async function listAccessHistory(
  actor: Actor,
  filter: HistoryFilter,
  limit = PAGE_SIZE,
  paging: HistoryPaging = {},
): Promise<AccessHistory> {
  if (actor.role !== 'client' || actor.disabled || actor.clientAccountIds.length === 0) {
    return { entries: [], truncated: false, next: null, prev: null, projects: [], people: [] };
  }
  // Paged by event id (newest first unless asked otherwise), both ways, without a cap (issue 16).
  const id = { expr: sql`${auditEvents.id}`, type: 'bigint' as const };
  const page = keyset(id, id, { dir: paging.dir ?? 'desc', after: paging.after, before: paging.before }, limit);
  return withActor(actor, async ({ tx }) => {
    // Projects the actor's accounts own: `project.view_access` for exactly these (see policy.ts).
    const owned = await tx
      .select({
        id: projectDirectory.id,
        codename: projectDirectory.codename,
        owner: projectDirectory.clientAccountId,
        counterparty: projectDirectory.counterpartyAccountId,
      })
      .from(projectDirectory)
      .where(inArray(projectDirectory.clientAccountId, [...actor.clientAccountIds]))
      .orderBy(projectDirectory.codename);
    const projectIds = owned.map((p) => p.id).filter((id) => !filter.projectId || id === filter.projectId);
    if (projectIds.length === 0)
      return { entries: [], truncated: false, next: null, prev: null, projects: owned, people: [] };

    const person = filter.personId;
    // The page of events first, then their items (joined before the limit, the directory would be read whole).
    const e = tx
      .select({
        id: auditEvents.id,
        at: auditEvents.at,
        actorId: auditEvents.actorId,
        action: auditEvents.action,
        outcome: auditEvents.outcome,
        reason: auditEvents.reason,
        projectId: auditEvents.projectId,
        targetType: auditEvents.targetType,
        targetId: auditEvents.targetId,
        granteeId: sql<string | null>`${auditEvents.details}->>'granteeId'`.as('grantee_id'),
        fileVersion: sql<string | null>`${auditEvents.details}->>'version'`.as('file_version'),
        // The item an event concerns, as a plain uuid column: an item's events name it as their target, a file's
        // name its item in their details (lib/dal/files/authorize-file-read.ts).
        itemKey: sql<
          string | null
        >`(case ${auditEvents.targetType} when 'item' then ${auditEvents.targetId} when 'file' then (${auditEvents.details}->>'itemId')::uuid end)`.as(
          'item_key',
        ),
        ...page.columns,
      })
      .from(auditEvents)
      .where(
        and(
          inArray(auditEvents.projectId, projectIds),
          person
            ? or(
                eq(auditEvents.actorId, person),
                and(eq(auditEvents.targetType, 'user'), eq(auditEvents.targetId, person)),
                sql`${auditEvents.details}->>'granteeId' = ${person}`,
              )
            : undefined,
          filter.from ? gte(auditEvents.at, new Date(`${filter.from}T00:00:00.000Z`)) : undefined,
          filter.to ? lt(auditEvents.at, nextDay(filter.to)) : undefined,
          page.where,
        ),
      )
      .orderBy(...page.orderBy)
      .limit(page.limit)
      .as('e');
    // Scalar subqueries, not a join: the directory is a security-barrier view, which a join reads whole; a
    // subquery's key reaches its index (one probe per event of the page). The key must be a bare column of the
    // page (`e.item_key`): PostgreSQL pushes a condition into a security-barrier view only when it can tell it is
    // leakproof, and PostgreSQL 15 could not for `d.id = case … ::uuid end` (PGlite's newer planner can), so each
    // event of the page read all of items, twice (6-9 s a page at the bench's scale; issue 16).
    const itemKey = sql`${e.itemKey}`;
    const rows = await tx
      .select({
        id: e.id,
        at: e.at,
        actorId: e.actorId,
        action: e.action,
        outcome: e.outcome,
        reason: e.reason,
        projectId: e.projectId,
        targetType: e.targetType,
        targetId: e.targetId,
        granteeId: e.granteeId,
        fileVersion: e.fileVersion,
        itemCategory: sql<string | null>`(select d.category::text from ${itemDirectory} d where d.id = ${itemKey})`,
        itemRef: sql<number | null>`(select d.ref from ${itemDirectory} d where d.id = ${itemKey})`,
        cursorKey: e.cursorKey,
        cursorId: e.cursorId,
      })
      .from(e)
      .orderBy(sql`${e.id} ${sql.raw(page.backwards !== ((paging.dir ?? 'desc') === 'desc') ? 'desc' : 'asc')}`);
    const shown = page.page(rows);

    const everyone = await tx
      .selectDistinct({ id: auditEvents.actorId })
      .from(auditEvents)
      .where(
        inArray(
          auditEvents.projectId,
          owned.map((p) => p.id),
        ),
      );
    const label = await peopleLabeller(tx, [
      ...shown.rows.flatMap((r) => [r.actorId, r.targetType === 'user' ? r.targetId : null, r.granteeId]),
      ...everyone.map((e) => e.id),
    ]);
    const projectOf = new Map(owned.map((p) => [p.id, p]));
    const accountsOf = (projectId: string | null) => {
      const p = projectId ? projectOf.get(projectId) : undefined;
      return p ? [p.owner, p.counterparty] : [];
    };
    const entries = shown.rows.map((r): HistoryEntry => {
      const accounts = accountsOf(r.projectId);
      const item =
        r.itemCategory && r.itemRef !== null ? itemReference(r.itemCategory as ItemCategory, r.itemRef) : null;
      const grantee = r.granteeId ? label(r.granteeId, accounts) : null;
      const subject =
        r.targetType === 'user'
          ? label(r.targetId, accounts)
          : r.targetType === 'file' && item
            ? `${item}, file${r.fileVersion ? ` version ${r.fileVersion}` : ''}`
            : item
              ? grantee
                ? `${item}, for ${grantee}`
                : item
              : r.targetType.replace(/_/g, ' ');
      const project = projectOf.get(r.projectId ?? '')?.codename ?? '—';
      // The sentence names what the event concerns: the item, file or person, else the project.
      const about = r.targetType === 'user' || item ? subject : project;
      return {
        id: r.id,
        at: r.at,
        project,
        person: label(r.actorId, accounts),
        action: auditLabel(r.action, r.outcome),
        subject,
        outcome: r.outcome,
        reason: r.reason,
        reasonText: r.reason ? reasonPhrase(r.reason) : null,
        sentence: auditSentence({ action: r.action, outcome: r.outcome, reason: r.reason, about }),
      };
    });
    const accountsAll = owned.flatMap((p) => [p.owner, p.counterparty]);
    const people = everyone
      .filter((e): e is { id: string } => e.id !== null)
      .map((e) => ({ id: e.id, label: label(e.id, accountsAll) }))
      .sort((a, b) => a.label.localeCompare(b.label));
    return {
      entries,
      truncated: shown.next !== null,
      next: shown.next,
      prev: shown.prev,
      projects: owned.map(({ id, codename }) => ({ id, codename })),
      people,
    };
  });
}

/** The whole filtered history, a page at a time (each its own short transaction): for the CSV export. */
export async function* accessHistoryPages(
  actor: Actor,
  filter: HistoryFilter,
  size = 1000,
): AsyncGenerator<HistoryEntry[]> {
  let after: string | undefined;
  for (;;) {
    const page = await listAccessHistory(actor, filter, size, { after });
    if (page.entries.length > 0) yield page.entries;
    if (!page.next) return;
    after = page.next;
  }
}
