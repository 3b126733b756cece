/**
 * THE need-to-know policy of docs/product.md §4: the only place the access rules live. Pure and synchronous; every
 * page, action and route asks it, and `sql.ts` is its twin for filtering lists in the database.
 */
import {
  AGENCY_ROLES,
  CLIENT_CREATABLE_CATEGORIES,
  DEFAULT_CONTRACTOR_MAX_DAYS,
  type Actor,
  type AdminAction,
  type AllowlistFact,
  type Classification,
  type ClientAccountAction,
  type ClientAccountFacts,
  type Decision,
  type DenyReason,
  type DisclosureAction,
  type DisclosureFacts,
  type EventAction,
  type EventFacts,
  type FileAction,
  type FileItemFacts,
  type ItemAction,
  type ItemCategory,
  type ItemFacts,
  type MembershipFact,
  type NdaFact,
  type ProjectAction,
  type ProjectFacts,
  type PublicUseAction,
  type UserRole,
} from './types';

const ALLOW: Decision = { allowed: true };
const deny = (reason: DenyReason): Decision => ({ allowed: false, reason });

export type Resource =
  | { type: 'project'; project: ProjectFacts }
  | { type: 'item'; project: ProjectFacts; item: ItemFacts }
  | { type: 'new_item'; project: ProjectFacts; category: ItemCategory }
  | { type: 'item_files'; project: ProjectFacts; item: FileItemFacts }
  | { type: 'public_use'; project: ProjectFacts; client: ClientAccountFacts }
  | { type: 'client_account'; client: ClientAccountFacts }
  | { type: 'event'; project: ProjectFacts; event: EventFacts | null }
  | { type: 'disclosure'; disclosure: DisclosureFacts | null }
  | { type: 'system' };

/** The actions the policy answers for each kind of resource (the overloads of `can` below, as one map). */
type ActionsOn = {
  project: ProjectAction;
  item: ItemAction;
  item_files: FileAction;
  new_item: 'item.create';
  public_use: PublicUseAction;
  client_account: ClientAccountAction;
  system: AdminAction;
  event: EventAction;
  disclosure: DisclosureAction;
};
export type ActionOn<R extends Resource> = ActionsOn[R['type']];

/** `can` for a question whose resource is generic (the unit of work's `authorize`). */
export const ask = <R extends Resource>(actor: Actor, action: ActionOn<R>, resource: R, now: Date): Decision =>
  (can as (actor: Actor, action: string, resource: Resource, now: Date) => Decision)(actor, action, resource, now);

export function can(
  actor: Actor,
  action: ProjectAction,
  resource: { type: 'project'; project: ProjectFacts },
  now?: Date,
): Decision;
export function can(
  actor: Actor,
  action: ItemAction,
  resource: { type: 'item'; project: ProjectFacts; item: ItemFacts },
  now?: Date,
): Decision;
export function can(
  actor: Actor,
  action: FileAction,
  resource: { type: 'item_files'; project: ProjectFacts; item: FileItemFacts },
  now?: Date,
): Decision;
export function can(
  actor: Actor,
  action: 'item.create',
  resource: { type: 'new_item'; project: ProjectFacts; category: ItemCategory },
  now?: Date,
): Decision;
export function can(
  actor: Actor,
  action: PublicUseAction,
  resource: { type: 'public_use'; project: ProjectFacts; client: ClientAccountFacts },
  now?: Date,
): Decision;
export function can(
  actor: Actor,
  action: ClientAccountAction,
  resource: { type: 'client_account'; client: ClientAccountFacts },
  now?: Date,
): Decision;
export function can(actor: Actor, action: AdminAction, resource: { type: 'system' }, now?: Date): Decision;
export function can(
  actor: Actor,
  action: EventAction,
  resource: { type: 'event'; project: ProjectFacts; event: EventFacts | null },
  now?: Date,
): Decision;
export function can(
  actor: Actor,
  action: DisclosureAction,
  resource: { type: 'disclosure'; disclosure: DisclosureFacts | null },
  now?: Date,
): Decision;
export function can(actor: Actor, action: string, resource: Resource, now: Date = new Date()): Decision {
  if (actor.disabled) return deny('inactive_user');
  switch (resource.type) {
    case 'system':
      return actor.role === 'admin' ? ALLOW : deny('not_admin');
    case 'project':
      if (action === 'project.view_identity') return canViewIdentity(actor, resource.project, now);
      if (action === 'project.view_access' || action === 'highrisk.approve') {
        return isOwnerMember(actor, resource.project) ? ALLOW : deny('not_owner_client');
      }
      if (action === 'access_request.create') return canRequestAccess(actor, resource.project, now);
      if (action === 'project.members.view') return canViewMembers(actor, resource.project, now);
      return canViewProject(actor, resource.project, now);
    case 'public_use':
      return canPublicUse(actor, action as PublicUseAction, resource.project, resource.client, now);
    case 'client_account':
      // A client's permissions are theirs alone: the agency neither signs nor revokes for them.
      return actor.role === 'client' && actor.clientAccountIds.includes(resource.client.id)
        ? ALLOW
        : deny('not_owner_client');
    case 'item_files':
      return canFile(actor, action as FileAction, resource.project, resource.item, now);
    case 'new_item':
      return canCreateItem(actor, resource.project, resource.category, now);
    case 'event':
      return canEvent(actor, action as EventAction, resource.project, resource.event, now);
    case 'disclosure':
      return canDisclosure(actor, action as DisclosureAction, resource.disclosure, now);
    case 'item':
      // Revealing a secret value is reading it: the same people, one value at a time, after re-authentication.
      if (action === 'item.read' || action === 'item.reveal')
        return canReadItem(actor, resource.project, resource.item, now);
      if (action === 'item.edit') return canEditItem(actor, resource.project, resource.item, now);
      return canClassifyItem(actor, resource.project, resource.item, now);
  }
}

export const isAgency = (role: UserRole) => AGENCY_ROLES.includes(role);

const unexpired = (expiresAt: Date | null, now: Date) => expiresAt === null || expiresAt > now;

export const isActiveMembership = (m: MembershipFact, now: Date) => m.revokedAt === null && unexpired(m.expiresAt, now);
/** Only an approved (`active`) entry gives access: a pending or refused grant gives none. */
export const isActiveAllowlistEntry = (a: AllowlistFact, now: Date) =>
  a.status === 'active' && a.revokedAt === null && unexpired(a.expiresAt, now);
/** A grant still waiting for the owning client's approval (for telling why access is not there yet). */
export const isPendingAllowlistEntry = (a: AllowlistFact, now: Date) =>
  a.status === 'pending' && a.revokedAt === null && unexpired(a.expiresAt, now);
/** A signature of the current material version of its agreement, for this client or all, not expired. */
export const ndaCovers = (n: NdaFact, clientAccountId: string, now: Date) =>
  !n.superseded && (n.clientAccountId === null || n.clientAccountId === clientAccountId) && unexpired(n.expiresAt, now);

/** An agency user's standing on a project: an active membership resting on a valid NDA for its client. */
function agencyStanding(project: ProjectFacts, now: Date): { membership: MembershipFact } | { denied: DenyReason } {
  const active = project.memberships.filter((m) => isActiveMembership(m, now));
  if (active.length === 0) {
    if (project.memberships.length === 0) return { denied: 'not_member' };
    return {
      denied: project.memberships.some((m) => m.revokedAt === null) ? 'membership_expired' : 'membership_revoked',
    };
  }
  if (!project.ndas.some((n) => ndaCovers(n, project.clientAccountId, now))) return { denied: 'no_nda' };
  // Several active grants combine: a lead grant wins, scopes are the union.
  const lead = active.find((m) => m.role === 'lead');
  const membership: MembershipFact = lead ?? {
    role: 'member',
    scopes: [...new Set(active.flatMap((m) => m.scopes))],
    expiresAt: null,
    revokedAt: null,
  };
  return { membership };
}

export const hasScope = (m: MembershipFact, scope: string) => m.role === 'lead' || m.scopes.includes(scope);

const isOwnerMember = (actor: Actor, p: ProjectFacts) =>
  actor.role === 'client' && actor.clientAccountIds.includes(p.clientAccountId);
const isCounterpartyMember = (actor: Actor, p: ProjectFacts) =>
  actor.role === 'client' &&
  p.counterpartyAccountId !== null &&
  actor.clientAccountIds.includes(p.counterpartyAccountId);

function canViewProject(actor: Actor, project: ProjectFacts, now: Date): Decision {
  if (actor.role === 'client') {
    return isOwnerMember(actor, project) || isCounterpartyMember(actor, project)
      ? ALLOW
      : deny('not_client_of_project');
  }
  const standing = agencyStanding(project, now);
  return 'denied' in standing ? deny(standing.denied) : ALLOW;
}

/** The real client name: `identity`-scoped members, the client itself and the counterparty who deals with it. */
function canViewIdentity(actor: Actor, project: ProjectFacts, now: Date): Decision {
  if (actor.role === 'client') return canViewProject(actor, project, now);
  const standing = agencyStanding(project, now);
  if ('denied' in standing) return deny(standing.denied);
  return hasScope(standing.membership, 'identity') ? ALLOW : deny('scope_missing');
}

function canReadItem(actor: Actor, project: ProjectFacts, item: ItemFacts, now: Date): Decision {
  if (actor.role === 'client') {
    const owner = isOwnerMember(actor, project);
    const counterparty = isCounterpartyMember(actor, project);
    // Their own data, high-risk included; only the agency's internal call notes stay internal.
    if (owner && item.category !== 'communications') return ALLOW;
    // What the agency shared with the counterparty brand, unless high-risk. The rows combine: a member of
    // both accounts reads what either allows (as the SQL twin does).
    if (counterparty && item.sharedWithCounterparty && item.classification !== 'high_risk') return ALLOW;
    if (owner) return deny('client_internal_category');
    if (counterparty)
      return deny(item.sharedWithCounterparty ? 'high_risk_not_shared' : 'not_shared_with_counterparty');
    return deny('not_client_of_project');
  }
  const standing = agencyStanding(project, now);
  if ('denied' in standing) return deny(standing.denied);
  if (!hasScope(standing.membership, item.category)) return deny('scope_missing');
  if (item.classification === 'high_risk' && !item.allowlist.some((a) => isActiveAllowlistEntry(a, now))) {
    return deny(item.allowlist.some((a) => isPendingAllowlistEntry(a, now)) ? 'allowlist_pending' : 'not_allowlisted');
  }
  return ALLOW;
}

/**
 * A file inherits its item's access (docs/product.md §11): viewing is reading the item. Downloading also needs the item
 * to be downloadable, except for the owning client (their own files). Uploading: agency people who read the item,
 * and members of the owning client on their own account's hand-overs.
 */
function canFile(actor: Actor, action: FileAction, project: ProjectFacts, item: FileItemFacts, now: Date): Decision {
  const read = canReadItem(actor, project, item, now);
  if (!read.allowed || action === 'file.view') return read;
  const owner = isOwnerMember(actor, project);
  if (action === 'file.download') return item.filesDownloadable || owner ? ALLOW : deny('view_only');
  if (actor.role !== 'client') return ALLOW;
  if (!owner) return deny('not_owner_client');
  return item.handedOver ? ALLOW : deny('not_handover');
}

function canCreateItem(actor: Actor, project: ProjectFacts, category: ItemCategory, now: Date): Decision {
  if (actor.role === 'client') {
    if (!isOwnerMember(actor, project)) return deny('not_client_of_project');
    return CLIENT_CREATABLE_CATEGORIES.includes(category) ? ALLOW : deny('category_not_allowed');
  }
  const standing = agencyStanding(project, now);
  if ('denied' in standing) return deny(standing.denied);
  return hasScope(standing.membership, category) ? ALLOW : deny('scope_missing');
}

const isActiveLead = (project: ProjectFacts, now: Date) =>
  project.memberships.some((m) => m.role === 'lead' && isActiveMembership(m, now));

/** Who is on the project, with scopes and expiry (issue 16): the project's active lead, standing on a valid NDA. */
function canViewMembers(actor: Actor, project: ProjectFacts, now: Date): Decision {
  if (!isAgency(actor.role)) return deny('not_agency');
  const standing = agencyStanding(project, now);
  if ('denied' in standing) return deny(standing.denied);
  return standing.membership.role === 'lead' ? ALLOW : deny('not_lead');
}

function canEditItem(actor: Actor, project: ProjectFacts, item: ItemFacts, now: Date): Decision {
  const read = canReadItem(actor, project, item, now);
  if (!read.allowed) return read;
  if (item.authorId === actor.id) return ALLOW;
  return actor.role !== 'client' && isActiveLead(project, now) ? ALLOW : deny('not_author_or_lead');
}

function canClassifyItem(actor: Actor, project: ProjectFacts, item: ItemFacts, now: Date): Decision {
  const read = canReadItem(actor, project, item, now);
  if (!read.allowed) return read;
  return actor.role !== 'client' && isActiveLead(project, now) ? ALLOW : deny('not_lead');
}

/**
 * Events (issue 14): the owning client sees everything about their events but does not run them; agency people
 * need the `logistics` scope (a lead has it); the high-risk part and guests' needs also need the event's allowlist.
 * The counterparty brand and everyone else: nothing.
 */
function canEvent(
  actor: Actor,
  action: EventAction,
  project: ProjectFacts,
  event: EventFacts | null,
  now: Date,
): Decision {
  if (actor.role === 'client') {
    if (!isOwnerMember(actor, project)) return deny('not_client_of_project');
    if (action === 'event.manage') return deny('not_agency');
    return event === null && action === 'event.view_restricted' ? deny('not_allowlisted') : ALLOW;
  }
  const standing = agencyStanding(project, now);
  if ('denied' in standing) return deny(standing.denied);
  if (!hasScope(standing.membership, 'logistics')) return deny('scope_missing');
  if (action !== 'event.view_restricted') return ALLOW;
  return event?.allowlist.some((a) => a.revokedAt === null) ? ALLOW : deny('not_allowlisted');
}

/**
 * The disclosure register (issue 15 points 1-3, docs/product.md §13). Admins keep it: they read every record, record
 * disclosures and lift gags. A member of the client account a record is about reads it — unless the law forbids
 * telling them, until the gag's date passes or an admin lifts it. Nobody else reads any of it; row-level security
 * (disclosures_view) and lib/authz/disclosures-sql.ts restate this.
 */
function canDisclosure(
  actor: Actor,
  action: DisclosureAction,
  disclosure: DisclosureFacts | null,
  now: Date,
): Decision {
  if (actor.role === 'admin') return ALLOW;
  if (action !== 'disclosure.view') return deny('not_admin');
  if (actor.role !== 'client' || disclosure === null || !actor.clientAccountIds.includes(disclosure.clientAccountId))
    return deny('not_owner_client');
  const withheld =
    disclosure.gagged && disclosure.gagLiftedAt === null && (disclosure.gagUntil === null || disclosure.gagUntil > now);
  return withheld ? deny('disclosure_withheld') : ALLOW;
}

/** Items a client hands over, and every `credentials` item, start high-risk whatever was asked. */
export function initialClassification(actor: Actor, category: ItemCategory, requested: Classification): Classification {
  if (category === 'credentials' || actor.role === 'client') return 'high_risk';
  return requested;
}

/** Agency people ask an admin for access; only with an NDA covering the client on file (no NDA, no access). */
function canRequestAccess(actor: Actor, project: ProjectFacts, now: Date): Decision {
  if (!isAgency(actor.role)) return deny('not_agency');
  return project.ndas.some((n) => ndaCovers(n, project.clientAccountId, now)) ? ALLOW : deny('no_nda');
}

/**
 * Written authorizations (docs/product.md §5). Their status is for the project's people; their full text names the
 * client, so it is for the client and identity-scoped members; staff who may know the client ask for one,
 * never of a client demanding zero public association; only the client signs.
 */
function canPublicUse(
  actor: Actor,
  action: PublicUseAction,
  project: ProjectFacts,
  client: ClientAccountFacts,
  now: Date,
): Decision {
  if (action === 'authorization.sign') {
    if (!isOwnerMember(actor, project)) return deny('not_owner_client');
    return client.zeroPublicAssociation ? deny('zero_public_association') : ALLOW;
  }
  if (actor.role === 'client') {
    if (action === 'authorization.request') return deny('not_agency');
    return isOwnerMember(actor, project) ? ALLOW : deny('not_owner_client');
  }
  const standing = agencyStanding(project, now);
  if ('denied' in standing) return deny(standing.denied);
  if (action === 'authorization.view') return ALLOW;
  if (action === 'authorization.request' && client.zeroPublicAssociation) return deny('zero_public_association');
  return hasScope(standing.membership, 'identity') ? ALLOW : deny('scope_missing');
}

export type GrantCheck = {
  grantee: { id: string; role: UserRole; disabled: boolean; ndas: readonly NdaFact[] };
  clientAccountId: string;
  expiresAt: Date | null;
  /** The admin's contractor maximum in days (agency settings); one year when not given. */
  contractorMaxDays?: number;
};

/** The latest expiry a contractor grant made now may have: the end (UTC) of the day `days` days from today. */
export function contractorExpiryLimit(now: Date, days: number = DEFAULT_CONTRACTOR_MAX_DAYS): Date {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return new Date(today + (days + 1) * 86_400_000 - 1);
}

/** Preconditions of a membership or allowlist grant: NDA before access, contractors always with an expiry within the maximum. */
export function checkGrant(actor: Actor, grant: GrantCheck, now: Date = new Date()): Decision {
  if (actor.disabled) return deny('inactive_user');
  if (actor.role !== 'admin') return deny('not_admin');
  // Separation of duties: an admin's own access is asked for like anyone's and decided by another admin.
  if (grant.grantee.id === actor.id) return deny('self_grant');
  if (!isAgency(grant.grantee.role) || grant.grantee.disabled) return deny('grantee_not_agency');
  if (grant.expiresAt !== null && grant.expiresAt <= now) return deny('expiry_in_past');
  if (!grant.grantee.ndas.some((n) => ndaCovers(n, grant.clientAccountId, now))) return deny('grantee_no_nda');
  if (grant.grantee.role === 'contractor' && grant.expiresAt === null) return deny('contractor_needs_expiry');
  // A contractor's access ends within the configured maximum (docs/product.md §4; issue 12 finding 8: not in 9999).
  if (grant.grantee.role === 'contractor' && grant.expiresAt! > contractorExpiryLimit(now, grant.contractorMaxDays)) {
    return deny('contractor_expiry_beyond_maximum');
  }
  return ALLOW;
}

/**
 * Sending an NDA to someone, or recording their signature: an admin, for an active agency person other than
 * themselves (an admin's own NDA is sent by another admin, or signed by them at break-glass).
 */
export function checkNdaFor(actor: Actor, signer: { id: string; role: UserRole; disabled: boolean }): Decision {
  if (actor.disabled) return deny('inactive_user');
  if (actor.role !== 'admin') return deny('not_admin');
  if (signer.id === actor.id) return deny('self_grant');
  return isAgency(signer.role) && !signer.disabled ? ALLOW : deny('grantee_not_agency');
}

/** How long a revocation can be undone (issue 16): after this it is final, and access is granted anew. */
export const UNDO_WINDOW_MS = 60_000;

/**
 * Undoing a revocation (a membership or an allowlist entry): an active admin, the one who revoked it, within the
 * minute. The undo restores exactly what was there; after the minute the revocation stands.
 */
export function checkUndoRevocation(
  actor: Actor,
  revocation: { revokedBy: string | null; revokedAt: Date | null },
  now: Date = new Date(),
): Decision {
  if (actor.disabled) return deny('inactive_user');
  if (actor.role !== 'admin') return deny('not_admin');
  if (revocation.revokedAt === null || revocation.revokedBy !== actor.id) return deny('not_revoker');
  return now.getTime() - revocation.revokedAt.getTime() <= UNDO_WINDOW_MS ? ALLOW : deny('undo_window_passed');
}

/** The longest break-glass access (docs/product.md §14). */
export const BREAK_GLASS_MAX_HOURS = 24;

/**
 * Break-glass: where the deployment has exactly one active admin, that admin may open time-boxed access to one
 * project for themselves (at most 24 hours, the client told at once). With two or more, another admin decides.
 */
export function checkBreakGlass(
  actor: Actor,
  request: { activeAdmins: number; expiresAt: Date },
  now: Date = new Date(),
): Decision {
  if (actor.disabled) return deny('inactive_user');
  if (actor.role !== 'admin') return deny('not_admin');
  if (request.activeAdmins !== 1) return deny('not_single_admin');
  if (request.expiresAt <= now) return deny('expiry_in_past');
  return request.expiresAt.getTime() - now.getTime() <= BREAK_GLASS_MAX_HOURS * 3_600_000
    ? ALLOW
    : deny('break_glass_too_long');
}

/** Admin and staff accounts sign in with a second factor, always (docs/product.md §6); for everyone else it is their choice. */
export const requiresTwoFactor = (role: UserRole): boolean => role === 'admin' || role === 'staff';
