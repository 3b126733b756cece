import type { DenyReason } from '@/lib/authz/types';
import type { ProfileDenyReason } from '@/lib/authz/profiles';

/**
 * Why an attempt was refused, in plain words, for every reason an audit event records: the policy's reasons
 * (the compiler asks for a phrase when one is added there) and the data layer's own. Safe for client components.
 */
const POLICY_REASONS = {
  inactive_user: 'the account is disabled',
  disclosure_withheld: 'the law forbids telling the client about it for now',
  not_member: 'not a member of the project',
  membership_expired: 'their access to the project has ended',
  membership_revoked: 'their access to the project was revoked',
  no_nda: 'no signed confidentiality agreement covers this client',
  scope_missing: 'their access does not cover this kind of item',
  not_allowlisted: 'not on the high-risk allowlist of this item',
  allowlist_pending: 'their high-risk access still waits for the client’s approval',
  zero_public_association: 'the client asked never to be named in public',
  not_agency: 'only agency staff may do this',
  not_owner_client: 'only the client who owns the project may do this',
  client_internal_category: 'this kind of item is for the agency only',
  not_shared_with_counterparty: 'the item is not shared with the other party',
  high_risk_not_shared: 'a high-risk item is never shared with the other party',
  not_client_of_project: 'not a client of this project',
  category_not_allowed: 'this kind of item is not allowed here',
  not_author_or_lead: 'only the item’s author or the project lead may do this',
  not_lead: 'only the project lead may do this',
  not_admin: 'only an access administrator may do this',
  grantee_not_agency: 'the person is not agency staff',
  grantee_no_nda: 'the person has no signed confidentiality agreement covering this client',
  contractor_needs_expiry: 'contractor access needs an end date',
  contractor_expiry_beyond_maximum: 'contractor access would last longer than the maximum in Settings',
  expiry_in_past: 'the end date is in the past',
  self_grant: 'nobody may grant themselves access or handle their own agreement',
  not_single_admin: 'emergency access is only for a deployment with a single administrator',
  break_glass_too_long: 'emergency access lasts at most 24 hours',
  view_only: 'the files are view-only',
  not_handover: 'a client adds files only to their own hand-overs',
  not_revoker: 'only whoever revoked it may undo it',
  undo_window_passed: 'the minute to undo it had passed',
  // The profile rules (lib/authz/profiles.ts).
  not_profile_holder: 'the person has no profile',
  no_visible_fields: 'nothing in the profile is visible to them',
  not_profile_owner: 'only the profile’s owner may do this',
  never_public_field: 'this field is never public',
  not_staff: 'only agency staff may do this',
  not_cleared_for_person: 'not cleared to see this person',
  not_brand_account: 'only a brand account may do this',
} as const satisfies Record<DenyReason | ProfileDenyReason, string>;

/** Reasons the data layer records beside the policy's: the database, sign-in, codes and uploads. */
const OTHER_REASONS = {
  not_found: 'it is not there, or not theirs to see',
  database_denied: 'the database refused it',
  no_secret: 'there is no secret value to reveal',
  not_uploader: 'only whoever started the upload may continue it',
  not_servable: 'the file cannot be shown that way',
  not_signer: 'only the signer or an administrator may download it',
  gagged: 'a legal gag forbids telling the client for now',
  // Signing in, codes and links.
  unknown_account: 'no account has that email address',
  no_password: 'the account has no password',
  disabled: 'the account is disabled',
  bad_password: 'wrong password',
  password_changed: 'the password was changed meanwhile',
  locked: 'locked after too many failed attempts',
  too_many_failures: 'too many failed attempts',
  reauth_failed: 'wrong password or code',
  reauth_locked: 'locked after too many failed attempts',
  bad_code: 'wrong code',
  wrong_code: 'wrong code',
  invalid: 'not a valid code',
  replayed: 'the code had already been used',
  replayed_code: 'the code had already been used',
  expired: 'the sign-in step had expired',
  code_expired: 'the code had expired',
  code_void_after_tries: 'the code stopped working after too many tries',
  no_live_code: 'no code was waiting',
  invalid_link: 'the link is not valid or has expired',
  rate_limited: 'too many requests in a short time',
  // Uploads (lib/files/errors.ts).
  type_not_allowed: 'this type of file is not allowed',
  too_large: 'the file is too large',
  offset_mismatch: 'the upload was out of step',
  incomplete: 'the upload was incomplete',
  not_uploading: 'the upload was not in progress',
  integrity: 'the file did not match its checksum',
} as const;

export const REASON_PHRASES: Readonly<Record<AuditReason, string>> = { ...POLICY_REASONS, ...OTHER_REASONS };

/** A reason an audit event records for a refusal. */
export type AuditReason = keyof typeof POLICY_REASONS | keyof typeof OTHER_REASONS;

const isCode = (reason: string) => /^[a-z][a-z0-9_]*$/.test(reason);

/**
 * A recorded reason in plain words. Codes have their phrase (an unknown code, from an older version, reads as its
 * words); anything else is a person's own words (the reason they gave) and is shown as they wrote it.
 */
export function reasonPhrase(reason: string): string {
  if (Object.hasOwn(REASON_PHRASES, reason)) return REASON_PHRASES[reason as AuditReason];
  return isCode(reason) ? reason.replace(/_/g, ' ') : reason;
}
