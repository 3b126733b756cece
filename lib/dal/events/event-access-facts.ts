import 'server-only';
import { and, asc, eq, isNull } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { clientAccounts, eventAllowlist, events, memberships, users } from '@/db/schema';
import type { Actor, ProjectFacts, UserRole } from '@/lib/authz';
import { canEventAccess, type EventAccessAction } from '@/lib/authz/event-access';
import { isActiveMembership, hasScope } from '@/lib/authz/policy';
import { loadProjectFacts } from '../facts';
import type { Work } from '../transaction';

/*
 * The event allowlist screen (issue 14): an admin or the project's lead puts people who run the event on its
 * allowlist, or removes them; when the owning client requires approval of high-risk access the entry waits for
 * a member of the client, who approves or refuses it on the same page. Every act is decided by
 * lib/authz/event-access.ts and audited in its transaction; row-level security (migration 0037) says the same.
 */

export type EventAccessEntry = {
  id: string;
  userId: string;
  name: string;
  reason: string;
  status: 'pending' | 'active' | 'refused';
  grantedAt: Date;
  /** Null: seeded for the event's creator. */
  grantedBy: string | null;
  revokedAt: Date | null;
};

export type LoadedEventProject = { eventId: string; projectId: string; eventName: string; project: ProjectFacts };

export async function loadEventProject(tx: Tx, actor: Actor, eventId: string): Promise<LoadedEventProject | null> {
  const [event] = await tx
    .select({ id: events.id, projectId: events.projectId, name: events.name })
    .from(events)
    .where(eq(events.id, eventId));
  if (!event) return null;
  const project = await loadProjectFacts(tx, actor, event.projectId);
  return project ? { eventId: event.id, projectId: event.projectId, eventName: event.name, project } : null;
}

export async function requiresApproval(tx: Tx, clientAccountId: string): Promise<boolean> {
  const [row] = await tx
    .select({ requires: clientAccounts.requiresHighRiskApproval })
    .from(clientAccounts)
    .where(eq(clientAccounts.id, clientAccountId));
  // Not visible to this actor: ask for approval rather than skip it.
  return row?.requires ?? true;
}

export async function entriesOf(tx: Tx, eventId: string): Promise<EventAccessEntry[]> {
  const rows = await tx
    .select({
      id: eventAllowlist.id,
      userId: eventAllowlist.userId,
      name: users.name,
      reason: eventAllowlist.reason,
      status: eventAllowlist.status,
      grantedAt: eventAllowlist.grantedAt,
      grantedBy: eventAllowlist.grantedBy,
      revokedAt: eventAllowlist.revokedAt,
    })
    .from(eventAllowlist)
    .innerJoin(users, eq(users.id, eventAllowlist.userId))
    .where(eq(eventAllowlist.eventId, eventId))
    .orderBy(asc(eventAllowlist.grantedAt));
  return rows.map((r) => ({ ...r, status: r.status as EventAccessEntry['status'] }));
}

/** Project members who run events (lead or logistics scope, active), with their memberships, for the grant form. */
export async function eventRunners(tx: Tx, projectId: string, now: Date) {
  const rows = await tx
    .select({
      userId: memberships.userId,
      name: users.name,
      role: users.role,
      disabledAt: users.disabledAt,
      mRole: memberships.role,
      scopes: memberships.scopes,
      expiresAt: memberships.expiresAt,
      revokedAt: memberships.revokedAt,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.projectId, projectId), isNull(memberships.revokedAt)));
  const people = new Map<
    string,
    {
      id: string;
      name: string;
      role: UserRole;
      disabled: boolean;
      memberships: { role: 'lead' | 'member'; scopes: string[]; expiresAt: Date | null; revokedAt: Date | null }[];
    }
  >();
  for (const r of rows) {
    const p = people.get(r.userId) ?? {
      id: r.userId,
      name: r.name,
      role: r.role,
      disabled: r.disabledAt !== null,
      memberships: [],
    };
    p.memberships.push({
      role: r.mRole,
      scopes: r.scopes ?? [],
      expiresAt: r.expiresAt,
      revokedAt: r.revokedAt,
    });
    people.set(r.userId, p);
  }
  return [...people.values()].filter((p) =>
    p.memberships.some((m) => isActiveMembership(m, now) && hasScope(m, 'logistics')),
  );
}

/**
 * Loads the event for an allowlist act and asks the policy (`canEventAccess`): an event that is not there (or
 * hidden) or an act that is not allowed ends the work as "not found", with the denial of `action` on the record.
 */
export async function loadEventForAccess(
  { tx, actor, now, deny, enforce }: Work,
  action: EventAccessAction,
  eventId: string,
  details: { granteeId: string } | { entryId: string },
): Promise<LoadedEventProject> {
  const loaded = actor ? await loadEventProject(tx, actor, eventId) : null;
  if (!actor || !loaded)
    return deny({ action, targetType: 'event', targetId: null, projectId: null, details, reason: 'not_found' });
  enforce(canEventAccess(actor, action, loaded.project, now), {
    action,
    targetType: 'event',
    targetId: loaded.eventId,
    projectId: loaded.projectId,
    details,
    recordAllowed: false,
  });
  return loaded;
}
