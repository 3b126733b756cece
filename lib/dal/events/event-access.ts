import 'server-only';
import { randomUUID } from 'node:crypto';
import { and, asc, eq, isNull } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { clientAccounts, eventAllowlist, events, memberships, users } from '@/db/schema';
import type { Actor, ProjectFacts, UserRole } from '@/lib/authz';
import { canEventAccess, checkEventGrantee, type EventAccessAction } from '@/lib/authz/event-access';
import { isActiveMembership, hasScope } from '@/lib/authz/policy';
import { invalid, notFoundError } from '@/lib/errors';
import type { AuditEntry, RequestMeta } from '../audit';
import { loadProjectFacts } from '../facts';
import { notify } from '../notifications/notify';
import { refuse, withActor } from '../transaction';
import { transition } from '../transition';
import { owningClientAudience } from '../notifications/audience';

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

export type EventAccessView = {
  entries: EventAccessEntry[];
  /** The viewer may grant and remove entries (admin or lead). */
  mayGrant: boolean;
  /** The viewer is the owning client, who decides pending entries. */
  mayDecide: boolean;
  requiresApproval: boolean;
  /** People who run the project's events and are not on the allowlist (active or pending). */
  candidates: { id: string; name: string }[];
};

type Loaded = { eventId: string; projectId: string; eventName: string; project: ProjectFacts };

async function loadEventProject(tx: Tx, actor: Actor, eventId: string): Promise<Loaded | null> {
  const [event] = await tx
    .select({ id: events.id, projectId: events.projectId, name: events.name })
    .from(events)
    .where(eq(events.id, eventId));
  if (!event) return null;
  const project = await loadProjectFacts(tx, actor, event.projectId);
  return project ? { eventId: event.id, projectId: event.projectId, eventName: event.name, project } : null;
}

async function requiresApproval(tx: Tx, clientAccountId: string): Promise<boolean> {
  const [row] = await tx
    .select({ requires: clientAccounts.requiresHighRiskApproval })
    .from(clientAccounts)
    .where(eq(clientAccounts.id, clientAccountId));
  // Not visible to this actor: ask for approval rather than skip it.
  return row?.requires ?? true;
}

async function entriesOf(tx: Tx, eventId: string): Promise<EventAccessEntry[]> {
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
async function eventRunners(tx: Tx, projectId: string, now: Date) {
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

/** The allowlist section of the event page, for admins and leads (to manage) and the owning client (to decide). */
export async function readEventAccess(
  actor: Actor,
  eventId: string,
  now = new Date(),
): Promise<EventAccessView | null> {
  return withActor(actor, async ({ tx }) => {
    const loaded = await loadEventProject(tx, actor, eventId);
    if (!loaded) return null;
    const mayGrant = canEventAccess(actor, 'event.access.grant', loaded.project, now).allowed;
    const mayDecide = canEventAccess(actor, 'event.access.decide', loaded.project, now).allowed;
    if (!mayGrant && !mayDecide) return null;
    const entries = await entriesOf(tx, eventId);
    const current = new Set(entries.filter((e) => e.revokedAt === null && e.status !== 'refused').map((e) => e.userId));
    const candidates = mayGrant
      ? (await eventRunners(tx, loaded.projectId, now))
          .filter((p) => !current.has(p.id) && checkEventGrantee(actor, loaded.project, p, now).allowed)
          .map((p) => ({ id: p.id, name: p.name }))
          .sort((a, b) => a.name.localeCompare(b.name))
      : [];
    return {
      entries,
      mayGrant,
      mayDecide,
      requiresApproval: await requiresApproval(tx, loaded.project.clientAccountId),
      candidates,
    };
  });
}

function denied(
  audit: (e: AuditEntry) => void,
  actor: Actor,
  action: 'event.access.grant' | 'event.access.revoke' | 'event.access.decide',
  loaded: Loaded | null,
  reason: string,
  meta: RequestMeta,
  details: { granteeId: string } | { entryId: string },
) {
  audit({
    actorId: actor.id,
    action,
    targetType: 'event',
    targetId: loaded?.eventId ?? null,
    projectId: loaded?.projectId ?? null,
    outcome: 'denied',
    reason,
    details,
    meta,
  });
  return refuse(notFoundError());
}

async function authorize(tx: Tx, actor: Actor, action: EventAccessAction, eventId: string, now: Date) {
  const loaded = await loadEventProject(tx, actor, eventId);
  const decision = loaded ? canEventAccess(actor, action, loaded.project, now) : null;
  return { loaded, decision };
}

/**
 * Puts a person who runs the event on its allowlist: active at once, or pending the owning client's approval
 * when the client requires it. The grantee (and, for a pending entry, the client) is told.
 */
export async function grantEventAccess(
  actor: Actor,
  input: { eventId: string; userId: string; reason: string },
  meta: RequestMeta,
  now = new Date(),
) {
  return withActor(actor, async ({ tx, audit }) => {
    const { loaded, decision } = await authorize(tx, actor, 'event.access.grant', input.eventId, now);
    if (!loaded || !decision?.allowed)
      return denied(
        audit,
        actor,
        'event.access.grant',
        loaded,
        decision && !decision.allowed ? decision.reason : 'not_found',
        meta,
        { granteeId: input.userId },
      );
    const grantee = (await eventRunners(tx, loaded.projectId, now)).find((p) => p.id === input.userId);
    const check = grantee
      ? checkEventGrantee(actor, loaded.project, grantee, now)
      : { allowed: false as const, reason: 'scope_missing' as const };
    if (!grantee || !check.allowed) {
      audit({
        actorId: actor.id,
        action: 'event.access.grant',
        targetType: 'event',
        targetId: loaded.eventId,
        projectId: loaded.projectId,
        outcome: 'denied',
        reason: check.allowed ? 'scope_missing' : check.reason,
        details: { granteeId: input.userId },
        meta,
      });
      throw invalid(
        'Choose someone who runs this project’s events (its lead or a member with the logistics scope), other than yourself.',
        { userId: ['Choose a person from the list.'] },
      );
    }
    const current = (await entriesOf(tx, loaded.eventId)).find(
      (e) => e.userId === grantee.id && e.revokedAt === null && e.status !== 'refused',
    );
    if (current)
      throw invalid(
        `${grantee.name} is already on this event’s allowlist${current.status === 'pending' ? ' (waiting for the client’s approval)' : ''}.`,
      );
    const status = (await requiresApproval(tx, loaded.project.clientAccountId)) ? 'pending' : 'active';
    const id = randomUUID();
    await tx.insert(eventAllowlist).values({
      id,
      eventId: loaded.eventId,
      userId: grantee.id,
      reason: input.reason,
      grantedBy: actor.id,
      grantedAt: now,
      status,
    });
    audit({
      actorId: actor.id,
      action: 'event.access.grant',
      targetType: 'event',
      targetId: loaded.eventId,
      projectId: loaded.projectId,
      outcome: 'allowed',
      reason: input.reason,
      details: { entryId: id, granteeId: grantee.id, status },
      meta,
    });
    const href = `/projects/${loaded.projectId}/events/${loaded.eventId}`;
    if (status === 'active') {
      await notify(
        tx,
        { kind: 'access.granted', userIds: [grantee.id], projectId: loaded.projectId, subject: id },
        (r) => ({
          title: `Event access granted: ${loaded.eventName} in ${r.projectLabel}`,
          body: `You can now see the venue, access and security arrangements and guests' needs of ${loaded.eventName} in ${r.projectLabel}.`,
          href,
        }),
      );
    } else {
      await notify(
        tx,
        {
          kind: 'highrisk.pending',
          userIds: await owningClientAudience(tx, loaded.projectId),
          projectId: loaded.projectId,
          subject: null,
        },
        (r, mention) => ({
          title: `Your approval is needed: access to an event's venue and guests' needs in ${r.projectLabel}`,
          body: `${mention(grantee.id)} was put on the allowlist of ${loaded.eventName} in ${r.projectLabel}. Reason given: ${input.reason}. It gives no access until you approve it; you may refuse it.`,
          href,
        }),
      );
    }
    return { id, status };
  });
}

/** Removes an entry (admin or lead): from now on it opens nothing. The person is told. */
export async function revokeEventAccess(
  actor: Actor,
  input: { eventId: string; entryId: string },
  meta: RequestMeta,
  now = new Date(),
) {
  return withActor(actor, async ({ tx, audit }) => {
    const { loaded, decision } = await authorize(tx, actor, 'event.access.revoke', input.eventId, now);
    if (!loaded || !decision?.allowed)
      return denied(
        audit,
        actor,
        'event.access.revoke',
        loaded,
        decision && !decision.allowed ? decision.reason : 'not_found',
        meta,
        { entryId: input.entryId },
      );
    const row = await transition(tx, {
      table: eventAllowlist,
      row: and(eq(eventAllowlist.id, input.entryId), eq(eventAllowlist.eventId, loaded.eventId))!,
      from: isNull(eventAllowlist.revokedAt),
      set: { revokedAt: now, revokedBy: actor.id },
      returning: { userId: eventAllowlist.userId },
    });
    if (!row) throw invalid('This entry is already removed.');
    audit({
      actorId: actor.id,
      action: 'event.access.revoke',
      targetType: 'event',
      targetId: loaded.eventId,
      projectId: loaded.projectId,
      outcome: 'allowed',
      details: { entryId: input.entryId, granteeId: row.userId },
      meta,
    });
    await notify(
      tx,
      {
        kind: 'access.revoked',
        userIds: [row.userId],
        projectId: loaded.projectId,
        subject: input.entryId,
        except: actor.id,
      },
      (r) => ({
        title: `Event access removed: ${loaded.eventName} in ${r.projectLabel}`,
        body: `You were removed from the allowlist of ${loaded.eventName} in ${r.projectLabel}: its venue and guests' needs are no longer shown to you.`,
      }),
    );
  });
}

/** The owning client approves or refuses a pending entry. */
export async function decideEventAccess(
  actor: Actor,
  input: { eventId: string; entryId: string; decision: 'approve' | 'refuse' },
  meta: RequestMeta,
  now = new Date(),
) {
  return withActor(actor, async ({ tx, audit }) => {
    const { loaded, decision } = await authorize(tx, actor, 'event.access.decide', input.eventId, now);
    if (!loaded || !decision?.allowed)
      return denied(
        audit,
        actor,
        'event.access.decide',
        loaded,
        decision && !decision.allowed ? decision.reason : 'not_found',
        meta,
        { entryId: input.entryId },
      );
    const status = input.decision === 'approve' ? 'active' : 'refused';
    const row = await transition(tx, {
      table: eventAllowlist,
      row: and(eq(eventAllowlist.id, input.entryId), eq(eventAllowlist.eventId, loaded.eventId))!,
      from: and(eq(eventAllowlist.status, 'pending'), isNull(eventAllowlist.revokedAt))!,
      set: { status, decidedBy: actor.id, decidedAt: now },
      returning: { userId: eventAllowlist.userId, grantedBy: eventAllowlist.grantedBy },
    });
    if (!row) throw invalid('This entry was already decided or removed.');
    audit({
      actorId: actor.id,
      action: input.decision === 'approve' ? 'event.access.approve' : 'event.access.refuse',
      targetType: 'event',
      targetId: loaded.eventId,
      projectId: loaded.projectId,
      outcome: 'allowed',
      details: { entryId: input.entryId, granteeId: row.userId },
      meta,
    });
    const told = [row.userId, ...(row.grantedBy ? [row.grantedBy] : [])];
    await notify(
      tx,
      {
        kind: input.decision === 'approve' ? 'highrisk.approved' : 'highrisk.refused',
        userIds: told,
        projectId: loaded.projectId,
        subject: input.entryId,
      },
      (r, mention) => ({
        title: `Event access ${input.decision === 'approve' ? 'approved' : 'refused'} by the client: ${loaded.eventName} in ${r.projectLabel}`,
        body: `The client ${input.decision === 'approve' ? 'approved' : 'refused'} ${mention(row.userId)}'s access to the venue and guests' needs of ${loaded.eventName} in ${r.projectLabel}.`,
        href: `/projects/${loaded.projectId}/events/${loaded.eventId}`,
      }),
    );
  });
}
