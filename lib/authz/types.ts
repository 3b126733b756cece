/** The vocabulary of the need-to-know policy (SPEC §3-§4), shared by the policy, its SQL twin and the DAL. */

export const ITEM_CATEGORIES = ['deal_terms', 'logistics', 'creative', 'communications', 'credentials'] as const;
export type ItemCategory = (typeof ITEM_CATEGORIES)[number];

export const SCOPES = [...ITEM_CATEGORIES, 'identity'] as const;
export type Scope = (typeof SCOPES)[number];

export const CLASSIFICATIONS = ['confidential', 'high_risk'] as const;
export type Classification = (typeof CLASSIFICATIONS)[number];

export const USER_ROLES = ['admin', 'staff', 'contractor', 'client'] as const;
export type UserRole = (typeof USER_ROLES)[number];

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
  role: 'lead' | 'member';
  scopes: readonly string[];
  expiresAt: Date | null;
  revokedAt: Date | null;
};

export type NdaFact = { clientAccountId: string | null; expiresAt: Date | null };

export type AllowlistFact = { expiresAt: Date | null; revokedAt: Date | null };

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

export type ProjectAction = 'project.view' | 'project.view_identity';
export type ItemAction = 'item.read' | 'item.edit' | 'item.classify';
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
  | 'audit.view';

export type DenyReason =
  | 'inactive_user'
  | 'not_member'
  | 'membership_expired'
  | 'membership_revoked'
  | 'no_nda'
  | 'scope_missing'
  | 'not_allowlisted'
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
  | 'expiry_in_past';

export type Decision = { allowed: true } | { allowed: false; reason: DenyReason };
