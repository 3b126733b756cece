/**
 * Profiles (issue 14, docs/product.md §12): who may read which field of a talent's, creator's or contractor's profile,
 * and who edits it and proposes it to a brand. Pure, like policy.ts; `profiles-sql.ts` is its twin for lists and
 * migration 0025's `app_profile_tier()` restates it for row-level security.
 *
 * The rule for private fields ("the agency people already cleared for them"):
 * - a talent or creator (a client user of a talent account): agency people (staff, contractors, admins alike)
 *   with an active membership carrying the `identity` scope (leads have it) on a project of one of the
 *   person's accounts, resting on an NDA covering that account — exactly who may know the client's real name;
 * - a contractor: admins (who grant them and hold their NDAs) see every field; staff see the staffing fields
 *   (display name, experience, skills) to choose whom to ask for (issue 14 point 5); other contractors nothing.
 * A brand user sees the brand-visible (and public) fields of a person a proposed shortlist of their brand names.
 * Everyone, signed in or not, sees public fields, except of a client under zero public association: they have
 * no public profile at all. Rates, location, date of birth and contact details are never public.
 */
import { hasScope, isActiveMembership, ndaCovers } from './policy';
import type { Actor, DenyReason, ProjectFacts } from './types';
import { PROFILE_FIELDS, type ProfileField, type ProfileVisibility } from '../vocabulary';

// The lists themselves are in lib/vocabulary.ts (the database's profile_field and profile_visibility enums).
export { PROFILE_FIELDS, PROFILE_VISIBILITIES, type ProfileField, type ProfileVisibility } from '../vocabulary';

/** Fields that can never be public (the database refuses it too: profile_fields_never_public). */
export const NEVER_PUBLIC_FIELDS: readonly ProfileField[] = ['rates', 'location', 'date_of_birth', 'contact'];
/** High-risk fields, sealed at rest (lib/crypto envelope). */
export const SEALED_FIELDS: readonly ProfileField[] = ['rates', 'date_of_birth', 'contact'];
/** What agency staff read of a contractor when choosing whom to grant. */
export const STAFFING_FIELDS: readonly ProfileField[] = ['display_name', 'experience', 'skills'];

/** The version of the notice shown with a visibility change; recorded with each consent. */
export const PROFILE_NOTICE_VERSION = '2026-11-profiles-1';

export type ProfileTier = 'all' | 'staffing' | 'brand' | 'none';

export type ProfileFacts = {
  userId: string;
  /** A talent or creator (client user of a talent account) or a contractor; null: not a profile holder. */
  holder: 'talent' | 'contractor' | null;
  /** One of the person's client accounts holds zero public association. */
  zeroPublicAssociation: boolean;
  /** Projects of the person's client accounts, with the actor's memberships and NDA signatures (talent only). */
  projects: readonly ProjectFacts[];
  /** Brand accounts a proposed shortlist names the person to. */
  proposedToBrands: readonly string[];
};

export type ProfileFieldFact = { field: ProfileField; visibility: ProfileVisibility };

export type ProfileDecision =
  { allowed: true; fields: ProfileField[] } | { allowed: false; reason: DenyReason | ProfileDenyReason };
export type ProfileDenyReason =
  | 'not_profile_holder'
  | 'no_visible_fields'
  | 'not_profile_owner'
  | 'never_public_field'
  | 'not_staff'
  | 'not_cleared_for_person'
  | 'not_brand_account';

const unexpiredMembership = isActiveMembership;

/** How much of the person's profile beyond public fields the actor may read (null actor: the public). */
export function profileTier(actor: Actor | null, profile: ProfileFacts, now: Date = new Date()): ProfileTier {
  if (!actor || actor.disabled || profile.holder === null) return 'none';
  if (actor.id === profile.userId) return 'all';
  if (profile.holder === 'contractor') {
    if (actor.role === 'admin') return 'all';
    return actor.role === 'staff' ? 'staffing' : 'none';
  }
  if (actor.role === 'admin' || actor.role === 'staff' || actor.role === 'contractor') {
    const cleared = profile.projects.some(
      (p) =>
        p.memberships.some((m) => unexpiredMembership(m, now) && hasScope(m, 'identity')) &&
        p.ndas.some((n) => ndaCovers(n, p.clientAccountId, now)),
    );
    return cleared ? 'all' : 'none';
  }
  return profile.proposedToBrands.some((b) => actor.clientAccountIds.includes(b)) ? 'brand' : 'none';
}

/** The person may have a public profile at all: a holder, never under zero public association. */
export const mayBePublic = (profile: ProfileFacts) => profile.holder !== null && !profile.zeroPublicAssociation;

/** `profile.view`: the fields the actor may read; denied (as not found) when there are none. */
export function canViewProfile(
  actor: Actor | null,
  profile: ProfileFacts,
  fields: readonly ProfileFieldFact[],
  now: Date = new Date(),
): ProfileDecision {
  if (actor?.disabled) return { allowed: false, reason: 'inactive_user' };
  if (profile.holder === null) return { allowed: false, reason: 'not_profile_holder' };
  const tier = profileTier(actor, profile, now);
  const isPublic = (f: ProfileFieldFact) =>
    f.visibility === 'public' && mayBePublic(profile) && !NEVER_PUBLIC_FIELDS.includes(f.field);
  const visible = fields.filter((f) => {
    if (tier === 'all') return true;
    if (tier === 'staffing') return STAFFING_FIELDS.includes(f.field) || isPublic(f);
    if (tier === 'brand') return f.visibility === 'brand' || f.visibility === 'public';
    return isPublic(f);
  });
  // The person always reaches their own profile, empty or not.
  if (visible.length === 0 && tier !== 'all') return { allowed: false, reason: 'no_visible_fields' };
  return { allowed: true, fields: visible.map((f) => f.field) };
}

/** `profile.edit`: the person alone, and never a public rates, location, date of birth or contact field. */
export function canEditProfile(actor: Actor, profile: ProfileFacts, change?: ProfileFieldFact): ProfileDecision {
  if (actor.disabled) return { allowed: false, reason: 'inactive_user' };
  if (profile.holder === null) return { allowed: false, reason: 'not_profile_holder' };
  if (actor.id !== profile.userId) return { allowed: false, reason: 'not_profile_owner' };
  if (change && change.visibility === 'public' && NEVER_PUBLIC_FIELDS.includes(change.field))
    return { allowed: false, reason: 'never_public_field' };
  return { allowed: true, fields: change ? [change.field] : [...PROFILE_FIELDS] };
}

export type ShortlistFacts = {
  createdBy: string;
  brandAccountId: string;
  brandIsBrand: boolean;
  proposed: boolean;
  withdrawn?: boolean;
};
export type ShortlistAction = 'shortlist.create' | 'shortlist.add' | 'shortlist.propose' | 'shortlist.view';
export type ShortlistDecision = { allowed: true } | { allowed: false; reason: DenyReason | ProfileDenyReason };

/**
 * Shortlists: staff create them for a brand account and add creators they are cleared for ('all' tier: a
 * contractor or an uncleared person cannot be proposed), then propose them; the author and, once proposed,
 * the members of the brand see them. Nothing changes after the proposal.
 */
export function canShortlist(
  actor: Actor,
  action: ShortlistAction,
  list: ShortlistFacts,
  candidate?: ProfileFacts,
  now: Date = new Date(),
): ShortlistDecision {
  if (actor.disabled) return { allowed: false, reason: 'inactive_user' };
  if (action === 'shortlist.view') {
    if (actor.id === list.createdBy) return { allowed: true };
    return list.proposed &&
      !list.withdrawn &&
      actor.role === 'client' &&
      actor.clientAccountIds.includes(list.brandAccountId)
      ? { allowed: true }
      : { allowed: false, reason: 'not_brand_account' };
  }
  if (actor.role !== 'staff') return { allowed: false, reason: 'not_staff' };
  if (!list.brandIsBrand) return { allowed: false, reason: 'not_brand_account' };
  if (action === 'shortlist.create') return { allowed: true };
  if (actor.id !== list.createdBy || list.proposed) return { allowed: false, reason: 'not_staff' };
  if (action === 'shortlist.propose') return { allowed: true };
  if (!candidate || candidate.holder !== 'talent' || profileTier(actor, candidate, now) !== 'all')
    return { allowed: false, reason: 'not_cleared_for_person' };
  return { allowed: true };
}

/**
 * `shortlist.withdraw`: the shortlist's author (staff) withdraws a creator or the whole list; the creator
 * withdraws themselves. Either way the brand stops seeing them at once.
 */
export function canWithdrawFromShortlist(
  actor: Actor,
  list: ShortlistFacts,
  entryUserId: string | null,
): ShortlistDecision {
  if (actor.disabled) return { allowed: false, reason: 'inactive_user' };
  if (entryUserId !== null && actor.id === entryUserId) return { allowed: true };
  return actor.role === 'staff' && actor.id === list.createdBy
    ? { allowed: true }
    : { allowed: false, reason: 'not_staff' };
}
