import 'server-only';
import { and, desc, eq, gte, inArray, lt, or, sql } from 'drizzle-orm';
import { auditEvents, itemDirectory, projectDirectory } from '@/db/schema';
import type { Actor, ItemCategory } from '@/lib/authz';
import { historyActionLabel } from '@/lib/history-labels';
import { itemReference } from '@/lib/labels';
import { withActor } from '../transaction';
import { peopleLabeller } from './people-labels';

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
  action: string;
  subject: string;
  outcome: 'allowed' | 'denied';
  reason: string | null;
};

export type AccessHistory = {
  entries: HistoryEntry[];
  truncated: boolean;
  projects: { id: string; codename: string }[];
  people: { id: string; label: string }[];
};

const nextDay = (day: string) => new Date(Date.parse(`${day}T00:00:00.000Z`) + 86_400_000);

/**
 * The owning client's access history (issue 4, flow 3): every audit event of their projects — who read which
 * of their items, grants and revocations, authorizations — filtered in the query by project, person (as actor
 * or as the one granted) and date. Items by category and reference; people as `peopleLabeller` names them.
 */
export async function listAccessHistory(actor: Actor, filter: HistoryFilter, limit = 500): Promise<AccessHistory> {
  if (actor.role !== 'client' || actor.disabled || actor.clientAccountIds.length === 0) {
    return { entries: [], truncated: false, projects: [], people: [] };
  }
  return withActor(actor, async ({ tx }) => {
    // Projects the actor's accounts own: `project.view_access` for exactly these (see policy.ts).
    const owned = await tx
      .select({ id: projectDirectory.id, codename: projectDirectory.codename, owner: projectDirectory.clientAccountId, counterparty: projectDirectory.counterpartyAccountId })
      .from(projectDirectory)
      .where(inArray(projectDirectory.clientAccountId, [...actor.clientAccountIds]))
      .orderBy(projectDirectory.codename);
    const projectIds = owned.map((p) => p.id).filter((id) => !filter.projectId || id === filter.projectId);
    if (projectIds.length === 0) return { entries: [], truncated: false, projects: owned, people: [] };

    const person = filter.personId;
    const rows = await tx
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
        granteeId: sql<string | null>`${auditEvents.details}->>'granteeId'`,
        fileVersion: sql<string | null>`${auditEvents.details}->>'version'`,
        itemCategory: itemDirectory.category,
        itemRef: itemDirectory.ref,
      })
      .from(auditEvents)
      .leftJoin(
        itemDirectory,
        or(
          and(eq(auditEvents.targetType, 'item'), eq(itemDirectory.id, auditEvents.targetId)),
          // A file's events name its item in their details (lib/dal/files/authorize-file-read.ts).
          and(eq(auditEvents.targetType, 'file'), sql`${itemDirectory.id} = (${auditEvents.details}->>'itemId')::uuid`),
        ),
      )
      .where(
        and(
          inArray(auditEvents.projectId, projectIds),
          person
            ? or(eq(auditEvents.actorId, person), and(eq(auditEvents.targetType, 'user'), eq(auditEvents.targetId, person)), sql`${auditEvents.details}->>'granteeId' = ${person}`)
            : undefined,
          filter.from ? gte(auditEvents.at, new Date(`${filter.from}T00:00:00.000Z`)) : undefined,
          filter.to ? lt(auditEvents.at, nextDay(filter.to)) : undefined,
        ),
      )
      .orderBy(desc(auditEvents.id))
      .limit(limit + 1);

    const everyone = await tx
      .selectDistinct({ id: auditEvents.actorId })
      .from(auditEvents)
      .where(inArray(auditEvents.projectId, owned.map((p) => p.id)));
    const label = await peopleLabeller(tx, [
      ...rows.flatMap((r) => [r.actorId, r.targetType === 'user' ? r.targetId : null, r.granteeId]),
      ...everyone.map((e) => e.id),
    ]);
    const projectOf = new Map(owned.map((p) => [p.id, p]));
    const accountsOf = (projectId: string | null) => {
      const p = projectId ? projectOf.get(projectId) : undefined;
      return p ? [p.owner, p.counterparty] : [];
    };
    const entries = rows.slice(0, limit).map((r): HistoryEntry => {
      const accounts = accountsOf(r.projectId);
      const item = r.itemCategory && r.itemRef !== null ? itemReference(r.itemCategory as ItemCategory, r.itemRef) : null;
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
      return {
        id: r.id,
        at: r.at,
        project: projectOf.get(r.projectId ?? '')?.codename ?? '—',
        person: label(r.actorId, accounts),
        action: historyActionLabel(r.action),
        subject,
        outcome: r.outcome,
        reason: r.reason,
      };
    });
    const accountsAll = owned.flatMap((p) => [p.owner, p.counterparty]);
    const people = everyone
      .filter((e): e is { id: string } => e.id !== null)
      .map((e) => ({ id: e.id, label: label(e.id, accountsAll) }))
      .sort((a, b) => a.label.localeCompare(b.label));
    return { entries, truncated: rows.length > limit, projects: owned.map(({ id, codename }) => ({ id, codename })), people };
  });
}

const csvCell = (value: string) => (/[",\n\r]/.test(value) || /^[=+\-@\t]/.test(value) ? `"${value.replace(/^([=+\-@\t])/, "'$1").replace(/"/g, '""')}"` : value);

/** The history as CSV (a leading formula character is neutralised, so a spreadsheet runs nothing). */
export function historyToCsv(entries: readonly HistoryEntry[]): string {
  const header = ['time (UTC)', 'project', 'person', 'action', 'item or person concerned', 'outcome', 'reason'];
  const lines = entries.map((e) =>
    [e.at.toISOString(), e.project, e.person, e.action, e.subject, e.outcome, e.reason ?? ''].map(csvCell).join(','),
  );
  return [header.join(','), ...lines].join('\r\n') + '\r\n';
}
