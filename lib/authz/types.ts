/** The vocabulary of the need-to-know policy (docs/product.md §3-§4), shared by the policy, its SQL twin and the DAL. */

import type { AllowlistStatus, Classification, ItemCategory, MembershipRole, UserRole } from '../vocabulary';

// The words themselves are listed once, in lib/vocabulary.ts (the database's enums use the same lists).
export {
  ALLOWLIST_STATUSES,
  CLASSIFICATIONS,
  ITEM_CATEGORIES,
  SCOPES,
  USER_ROLES,
  type AllowlistStatus,
  type Classification,
  type ItemCategory,
  type MembershipRole,
  type Scope,
  type UserRole,
} from '../vocabulary';

/** The longest contractor grant until an admin sets another, in days (docs/product.md §4; the database default matches). */
export const DEFAULT_CONTRACTOR_MAX_DAYS = 365;

export const AGENCY_ROLES: readonly UserRole[] = ['admin', 'staff', 'contractor'];

/** Categories a member of the owning client may hand over themselves (an itinerary, a brand kit, account access). */
export const CLIENT_CREATABLE_CATEGORIES: readonly ItemCategory[] = ['logistics', 'creative', 'credentials'];

export type Actor = {
  id: string;
  role: UserRole;
  disabled: boolean;
  /** Client accounts the user is a member of (only for role `client`). */
  clientAccountIds: readonly string[];
};

export type MembershipFact = {
  role: MembershipRole;
  scopes: readonly string[];
  expiresAt: Date | null;
  revokedAt: Date | null;
};

/**
 * One NDA signature of the actor. `superseded`: a material new version of the same agreement was published
 * after it was signed, so it no longer counts until the person signs the current version (issue 12).
 */
export type NdaFact = { clientAccountId: string | null; expiresAt: Date | null; superseded: boolean };

export type AllowlistFact = { status: AllowlistStatus; expiresAt: Date | null; revokedAt: Date | null };

/** What the policy needs to know about a client account for public use and the client's own settings. */
export type ClientAccountFacts = { id: string; zeroPublicAssociation: boolean };

/** What the policy needs to know about a project and the actor's standing on it. */
export type ProjectFacts = {
  id: string;
  clientAccountId: string;
  counterpartyAccountId: string | null;
  /** The actor's memberships of this project, any state. */
  memberships: readonly MembershipFact[];
  /** The actor's NDA signatures, any state. */
  ndas: readonly NdaFact[];
};

export type ItemFacts = {
  id: string;
  category: ItemCategory;
  classification: Classification;
  sharedWithCounterparty: boolean;
  authorId: string;
  /** The actor's allowlist entries for this item, any state. */
  allowlist: readonly AllowlistFact[];
};

/**
 * `project.view_access`: the owning client's view of who can see their data and who did.
 * `highrisk.approve`: deciding a pending high-risk grant on the project (the owning client).
 * `access_request.create`: an agency person with an NDA covering the client asking an admin for access to the
 *   project or one of its items.
 * `project.members.view`: the project's active lead (with standing) sees who is on their project, with scopes and
 *   expiry (issue 16); the owning client has `project.view_access` for the same roster.
 */
export type ProjectAction =
  | 'project.view'
  | 'project.view_identity'
  | 'project.view_access'
  | 'project.members.view'
  | 'highrisk.approve'
  | 'access_request.create';
/**
 * Written authorizations for a project (docs/product.md §5): `view` their status, `view_record` their full text (it
 * names the client), `request` one (staff), `sign` or refuse one (the client).
 */
export type PublicUseAction =
  'authorization.view' | 'authorization.view_record' | 'authorization.request' | 'authorization.sign';
/** A client's own account: its settings, zero public association, and revoking what it signed. */
export type ClientAccountAction = 'client.manage_permissions' | 'authorization.revoke';
/** `item.reveal`: showing a credentials item's secret value (after re-authentication, lib/dal/vault.ts). */
export type ItemAction = 'item.read' | 'item.edit' | 'item.classify' | 'item.reveal';
/**
 * An item's files (issue 13, docs/product.md §11): `view` (watermarked, in the portal) is reading the item; `download`
 * also needs the item to be downloadable (the lead's setting; view-only still lets the owning client download their
 * own files); `upload` is for agency people who read the item (its scope and, if high-risk, its allowlist) and
 * for members of the owning client on their own hand-overs.
 */
export type FileAction = 'file.view' | 'file.download' | 'file.upload';

/** An item as its files' questions see it: `handedOver` when a member of the owning client authored it. */
export type FileItemFacts = ItemFacts & { handedOver: boolean; filesDownloadable: boolean };
export type AdminAction =
  | 'user.invite'
  | 'user.disable'
  | 'nda.manage'
  | 'client.manage'
  | 'project.create'
  | 'membership.grant'
  | 'membership.revoke'
  | 'allowlist.grant'
  | 'allowlist.revoke'
  | 'audit.view'
  /** Access requests from staff, and explaining why someone can or cannot read an item (issue 4). */
  | 'access_request.decide'
  | 'access.explain'
  /** Rights requests, consent records and policy versions (issue 6). */
  | 'privacy.manage'
  /** Retention rules, legal holds and retention runs. */
  | 'retention.manage'
  /** Scheduled work: seeing each job's runs and running one now (issue 17). */
  | 'jobs.manage'
  /** The register of processing activities (issue 15 points 4-6): reading and exporting it; writing purposes and bases,
   * engagements' controller or processor role, and routing a processor engagement's rights request. */
  | 'processing.view'
  | 'processing.manage';

/**
 * Events (issue 14): `event.view` lists and reads an event, its guest list and door list; `event.manage` creates,
 * edits, invites and checks in; `event.view_restricted` opens the high-risk part (venue, access, security) and
 * guests' dietary and accessibility needs.
 */
export type EventAction = 'event.view' | 'event.manage' | 'event.view_restricted';

/** The actor's entries on one event's allowlist, any state (null when the question is about a new event). */
export type EventFacts = { id: string; allowlist: readonly { revokedAt: Date | null }[] };

export type DenyReason =
  | 'inactive_user'
  /** A disclosure the law forbids telling the client about, for now (issue 15 point 2). */
  | 'disclosure_withheld'
  | 'not_member'
  | 'membership_expired'
  | 'membership_revoked'
  | 'no_nda'
  | 'scope_missing'
  | 'not_allowlisted'
  | 'allowlist_pending'
  | 'zero_public_association'
  | 'not_agency'
  | 'not_owner_client'
  | 'client_internal_category'
  | 'not_shared_with_counterparty'
  | 'high_risk_not_shared'
  | 'not_client_of_project'
  | 'category_not_allowed'
  | 'not_author_or_lead'
  | 'not_lead'
  | 'not_admin'
  | 'grantee_not_agency'
  | 'grantee_no_nda'
  | 'contractor_needs_expiry'
  /** A contractor's grant must end within the admin's configured maximum (default one year). */
  | 'contractor_expiry_beyond_maximum'
  | 'expiry_in_past'
  /** Separation of duties: nobody grants themselves access or records or sends their own NDA (docs/product.md §14). */
  | 'self_grant'
  /** Break-glass exists only in a deployment with exactly one active admin, for at most 24 hours. */
  | 'not_single_admin'
  | 'break_glass_too_long'
  /** The item's files are view-only (the lead's setting): no download except for the owning client. */
  | 'view_only'
  /** A client uploads only to the hand-overs of their own account. */
  | 'not_handover'
  /** Undoing a revocation (issue 16): only whoever revoked it, and only within the minute. */
  | 'not_revoker'
  | 'undo_window_passed';

export type Decision = { allowed: true } | { allowed: false; reason: DenyReason };

/**
 * The disclosure register (issue 15 points 1-3): `view` a record (admins; the owning client's members the records
 * about their data, unless gagged for now), `record` one and `lift_gag` (admins).
 */
export type DisclosureAction = 'disclosure.view' | 'disclosure.record' | 'disclosure.lift_gag';

/** A disclosure record as the policy sees it (null when the question is about the register as a whole). */
export type DisclosureFacts = {
  clientAccountId: string;
  gagged: boolean;
  gagUntil: Date | null;
  gagLiftedAt: Date | null;
};
