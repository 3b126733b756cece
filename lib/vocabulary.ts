/**
 * The vocabulary: every closed set of words the system stores, listed once (issue 10 item 5). The database's enums
 * (`pgEnum(name, X)` in db/schema), the validations (`z.enum(X)`), the policy's types (`(typeof X)[number]`) and the
 * label maps (`Record<T, string>`) all read these lists, so a word is added or renamed in one place and the compiler
 * finds every use. This module imports nothing: the schema, the policy and client components may all depend on it.
 *
 * The order of each list is the order of its database enum: changing it changes the schema (drizzle-kit would write
 * a migration). Add new values at the end.
 */

// People and accounts (docs/product.md §3).
export const USER_ROLES = ['admin', 'staff', 'contractor', 'client'] as const;
export type UserRole = (typeof USER_ROLES)[number];

export const CLIENT_KINDS = ['talent', 'brand'] as const;
export type ClientKind = (typeof CLIENT_KINDS)[number];

export const PROJECT_STATUSES = ['active', 'closed'] as const;
export type ProjectStatus = (typeof PROJECT_STATUSES)[number];

export const MEMBERSHIP_ROLES = ['lead', 'member'] as const;
export type MembershipRole = (typeof MEMBERSHIP_ROLES)[number];

// Items and what a membership covers (docs/product.md §4).
export const ITEM_CATEGORIES = ['deal_terms', 'logistics', 'creative', 'communications', 'credentials'] as const;
export type ItemCategory = (typeof ITEM_CATEGORIES)[number];

/** A membership's scopes: the item categories, and `identity` (the client's real name). */
export const SCOPES = [...ITEM_CATEGORIES, 'identity'] as const;
export type Scope = (typeof SCOPES)[number];

export const CLASSIFICATIONS = ['confidential', 'high_risk'] as const;
export type Classification = (typeof CLASSIFICATIONS)[number];

/** `pending`: waiting for the owning client's approval; only `active` entries give access. */
export const ALLOWLIST_STATUSES = ['pending', 'active', 'refused'] as const;
export type AllowlistStatus = (typeof ALLOWLIST_STATUSES)[number];

export const ACCESS_REQUEST_KINDS = ['membership', 'high_risk_item'] as const;
export type AccessRequestKind = (typeof ACCESS_REQUEST_KINDS)[number];

export const ACCESS_REQUEST_STATUSES = ['open', 'approved', 'refused'] as const;
export type AccessRequestStatus = (typeof ACCESS_REQUEST_STATUSES)[number];

/** A classification or sharing change to a handed-over item, waiting for the owning client (docs/product.md §14). */
export const HANDOVER_CHANGE_STATUSES = ['pending', 'approved', 'refused'] as const;
export type HandoverChangeStatus = (typeof HANDOVER_CHANGE_STATUSES)[number];

/** One decision on one grant in a periodic access review; `expired`: nobody confirmed it in time. */
export const REVIEW_DECISIONS = ['confirmed', 'narrowed', 'revoked', 'expired'] as const;
export type ReviewDecision = (typeof REVIEW_DECISIONS)[number];

// The audit trail.
export const AUDIT_OUTCOMES = ['allowed', 'denied'] as const;
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];

// NDAs.
/** By the signer in the portal, or recorded from a paper original (with its scan). */
export const NDA_SIGNATURE_METHODS = ['portal', 'paper'] as const;
export type NdaSignatureMethod = (typeof NDA_SIGNATURE_METHODS)[number];

/** An NDA an admin sent to a person: waiting for them, signed, refused, or withdrawn by an admin. */
export const NDA_REQUEST_STATUSES = ['sent', 'signed', 'refused', 'withdrawn'] as const;
export type NdaRequestStatus = (typeof NDA_REQUEST_STATUSES)[number];

// Written authorizations (docs/product.md §5).
/** What a client may allow the agency to do in public. */
export const PUBLIC_USE_KINDS = ['portfolio_use', 'case_study', 'testimonial', 'public_reference'] as const;
export type PublicUseKind = (typeof PUBLIC_USE_KINDS)[number];

/** The public uses, and the client's instruction that the agency never associates with them in public. */
export const AUTHORIZATION_KINDS = [...PUBLIC_USE_KINDS, 'zero_public_association'] as const;
export type AuthorizationKind = (typeof AUTHORIZATION_KINDS)[number];

/** What one authorization record says: the client signed, refused, or revoked an earlier signature. */
export const AUTHORIZATION_OUTCOMES = ['signed', 'refused', 'revoked'] as const;
export type AuthorizationOutcome = (typeof AUTHORIZATION_OUTCOMES)[number];

// Events (issue 14).
export const GUEST_STATUSES = ['invited', 'accepted', 'declined', 'attended'] as const;
export type GuestStatus = (typeof GUEST_STATUSES)[number];

export const NEEDS_CONSENT_DECISIONS = ['granted', 'withdrawn'] as const;
export type NeedsConsentDecision = (typeof NEEDS_CONSENT_DECISIONS)[number];

// Profiles (issue 14, docs/product.md §12).
export const PROFILE_FIELDS = [
  'display_name',
  'bio',
  'social_handles',
  'portfolio_links',
  'media_kit',
  'experience',
  'skills',
  'audience',
  'rates',
  'location',
  'date_of_birth',
  'contact',
] as const;
export type ProfileField = (typeof PROFILE_FIELDS)[number];

export const PROFILE_VISIBILITIES = ['private', 'brand', 'public'] as const;
export type ProfileVisibility = (typeof PROFILE_VISIBILITIES)[number];

// Privacy operations (issue 6).
export const REQUEST_KINDS = [
  'access',
  'portability',
  'correction',
  'deletion',
  'restriction',
  'objection',
  'withdraw_consent',
  'opt_out_sale_sharing',
  'limit_sensitive',
] as const;
export type RequestKind = (typeof REQUEST_KINDS)[number];

export const REQUEST_STATUSES = ['received', 'verifying', 'in_progress', 'extended', 'completed', 'refused'] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

export const JURISDICTIONS = ['gdpr', 'california', 'other'] as const;
export type Jurisdiction = (typeof JURISDICTIONS)[number];

export const PRIVACY_FLAG_KINDS = ['restricted', 'objected', 'erased'] as const;
export type PrivacyFlagKind = (typeof PRIVACY_FLAG_KINDS)[number];

export const CONSENT_PURPOSES = [
  'analytics',
  'functional',
  'marketing',
  'marketing_email',
  'sale_sharing',
  'sensitive_use',
] as const;
export type ConsentPurpose = (typeof CONSENT_PURPOSES)[number];

export const CONSENT_DECISIONS = ['granted', 'denied'] as const;
export type ConsentDecision = (typeof CONSENT_DECISIONS)[number];

export const CONSENT_METHODS = ['banner', 'settings', 'gpc', 'account', 'request'] as const;
export type ConsentMethod = (typeof CONSENT_METHODS)[number];

/** The retention rules of issue 6 / seed 002 §6. */
export const RETENTION_RULE_KEYS = [
  'business_contacts',
  'contract_records',
  'project_content',
  'unverified_requests',
] as const;
export type RetentionRuleKey = (typeof RETENTION_RULE_KEYS)[number];

export const RETENTION_PERIOD_UNITS = ['days', 'months', 'years'] as const;
export type PeriodUnit = (typeof RETENTION_PERIOD_UNITS)[number];

/** The lawful bases of seed 000 §4 (GDPR art. 6). */
export const LAWFUL_BASES = [
  'contract',
  'legitimate_interests',
  'consent',
  'legal_obligation',
  'vital_interests',
  'public_interest',
] as const;
export type LawfulBasis = (typeof LAWFUL_BASES)[number];

/** The register's data categories (issue 15 point 4): the item categories are the same words, not a copy. */
export const DATA_CATEGORIES = ['identity_contact', ...ITEM_CATEGORIES, 'events', 'profiles', 'usage_data'] as const;
export type DataCategory = (typeof DATA_CATEGORIES)[number];

/** Whether the agency is controller or processor of an engagement (issue 15 point 5). */
export const ENGAGEMENT_ROLES = ['controller', 'processor'] as const;
export type EngagementRole = (typeof ENGAGEMENT_ROLES)[number];

// The disclosure register (issue 15 points 1-3, docs/product.md §13; privacy policy §5, §5.1, §10, §12.5).
/** Who received the data (privacy policy §5 and §5.1). */
export const RECIPIENT_KINDS = [
  'vendor',
  'platform',
  'brand_partner',
  'adviser',
  'contractor_firm',
  'authority',
] as const;
export type RecipientKind = (typeof RECIPIENT_KINDS)[number];

/** Safeguards for a transfer abroad (privacy policy §10, §12.5). */
export const TRANSFER_SAFEGUARDS = [
  'adequacy_decision',
  'standard_contractual_clauses',
  'binding_corporate_rules',
  'explicit_consent',
  'other_approved',
] as const;
export type TransferSafeguard = (typeof TRANSFER_SAFEGUARDS)[number];

/** Legal and protective disclosures (privacy policy §5.1): the instrument compelling or allowing them. */
export const INSTRUMENTS = ['subpoena', 'court_order', 'lawful_request'] as const;
export type Instrument = (typeof INSTRUMENTS)[number];

/** Typed by an admin, or written by the database when an item is shared with the counterparty. */
export const DISCLOSURE_SOURCES = ['manual', 'counterparty_share'] as const;
export type DisclosureSource = (typeof DISCLOSURE_SOURCES)[number];

/**
 * The agency's home jurisdiction: the EEA, the United Kingdom and Switzerland (privacy policy §12.5: "where data is
 * transferred outside the EEA/UK/Switzerland, we use appropriate safeguards"). A recipient in any other country
 * needs a transfer safeguard on its record; the database refuses one without (disclosures_transfer_safeguard).
 * ISO 3166-1 alpha-2 codes.
 */
export const HOME_JURISDICTION = [
  'AT',
  'BE',
  'BG',
  'HR',
  'CY',
  'CZ',
  'DK',
  'EE',
  'FI',
  'FR',
  'DE',
  'GR',
  'HU',
  'IE',
  'IT',
  'LV',
  'LT',
  'LU',
  'MT',
  'NL',
  'PL',
  'PT',
  'RO',
  'SK',
  'SI',
  'ES',
  'SE',
  'IS',
  'LI',
  'NO',
  'GB',
  'CH',
] as const;
