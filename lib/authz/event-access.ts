/**
 * Event allowlists (issue 14): who may open an event's high-risk part (venue, access, security) and its guests'
 * dietary and accessibility needs. Pure, part of the one policy like profiles.ts; migration 0037 restates it
 * for row-level security (`event_allowlist_grant`, `_revoke`, `_decide`, `app_event_lead`).
 *
 * The rule follows item allowlists: an admin, or the project's active lead (on a covering NDA), grants and
 * removes entries; a grant is pending, opening nothing, until a member of the owning client approves it when
 * the client requires approval of high-risk access; the owning client decides. A grantee must be an active
 * agency person who already runs the project's events (lead or the `logistics` scope, on a covering NDA): the
 * database opens the sealed part only to someone who is both on the allowlist and manages the event.
 */
import { hasScope, isActiveMembership, isAgency, ndaCovers } from './policy';
import type { Actor, Decision, MembershipFact, ProjectFacts, UserRole } from './types';

export type EventAccessAction = 'event.access.grant' | 'event.access.revoke' | 'event.access.decide';

export type EventGrantee = { id: string; role: UserRole; disabled: boolean; memberships: readonly MembershipFact[] };

const ALLOW: Decision = { allowed: true };

/** Whether the actor is an active lead of the project, on an NDA covering its client. */
function isLead(project: ProjectFacts, now: Date): boolean {
  return (
    project.memberships.some((m) => isActiveMembership(m, now) && m.role === 'lead') &&
    project.ndas.some((n) => ndaCovers(n, project.clientAccountId, now))
  );
}

export function canEventAccess(
  actor: Actor,
  action: EventAccessAction,
  project: ProjectFacts,
  now: Date = new Date(),
): Decision {
  if (actor.disabled) return { allowed: false, reason: 'inactive_user' };
  if (action === 'event.access.decide') {
    return actor.role === 'client' && actor.clientAccountIds.includes(project.clientAccountId)
      ? ALLOW
      : { allowed: false, reason: 'not_owner_client' };
  }
  if (actor.role === 'admin') return ALLOW;
  if (actor.role === 'client') return { allowed: false, reason: 'not_agency' };
  return isLead(project, now) ? ALLOW : { allowed: false, reason: 'not_lead' };
}

/**
 * The person to put on an event's allowlist: not oneself, an active agency person who runs the project's events.
 * Their NDA is not asked here (a lead cannot see other people's NDAs): their membership was granted on one, and
 * the database opens the sealed part only while they manage the event, which needs a covering NDA in force.
 */
export function checkEventGrantee(
  actor: Actor,
  project: ProjectFacts,
  grantee: EventGrantee,
  now: Date = new Date(),
): Decision {
  if (grantee.id === actor.id) return { allowed: false, reason: 'self_grant' };
  if (!isAgency(grantee.role) || grantee.disabled) return { allowed: false, reason: 'grantee_not_agency' };
  const runsEvents = grantee.memberships.some((m) => isActiveMembership(m, now) && hasScope(m, 'logistics'));
  return runsEvents ? ALLOW : { allowed: false, reason: 'scope_missing' };
}
