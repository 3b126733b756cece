import 'server-only';
import { and, desc, eq, isNotNull } from 'drizzle-orm';
import { auditEvents, profileConsents, profileFields, shortlistEntries, shortlists } from '@/db/schema';
import type { Actor } from '@/lib/authz';
import { canEditProfile, PROFILE_FIELDS, type ProfileField, type ProfileVisibility } from '@/lib/authz/profiles';
import { withActor } from '../transaction';
import { fieldText, loadProfileFacts, profileOf } from './facts';
import { brandFor } from './brand-label';

export type MyProfile = {
  slug: string | null;
  hasPublicField: boolean;
  mayBePublic: boolean;
  fields: { field: ProfileField; value: string; visibility: ProfileVisibility }[];
  consents: {
    id: string;
    at: Date;
    field: ProfileField;
    from: ProfileVisibility;
    to: ProfileVisibility;
    noticeVersion: string;
  }[];
  proposals: {
    shortlistId: string;
    profileId: string;
    brand: string;
    campaign: string;
    proposedAt: Date | null;
    withdrawnAt: Date | null;
    withdrawnBy: 'you' | 'agency' | null;
  }[];
  views: { id: number; at: Date; brand: string; campaign: string }[];
};

/**
 * The person's own profile (`profile.edit`): every field with its value and visibility, the consent record of
 * their visibility changes, the brands they were proposed to (by codename where the brand is confidential to
 * them) and each brand view of a shortlist naming them (their history). Null for anyone without a profile.
 */
export async function readMyProfile(actor: Actor): Promise<MyProfile | null> {
  return withActor(actor, async ({ tx }) => {
    const facts = await loadProfileFacts(tx, actor, actor.id);
    if (!canEditProfile(actor, facts).allowed) return null;
    const profile = await profileOf(tx, actor.id);
    const rows = profile
      ? await tx
          .select({
            profileId: profileFields.profileId,
            field: profileFields.field,
            visibility: profileFields.visibility,
            value: profileFields.value,
            sealed: profileFields.sealed,
          })
          .from(profileFields)
          .where(and(eq(profileFields.profileId, profile.id), eq(profileFields.userId, actor.id)))
      : [];
    const byField = new Map(rows.map((r) => [r.field, r]));
    const fields = PROFILE_FIELDS.map((field) => {
      const row = byField.get(field);
      return {
        field,
        value: row ? fieldText(row) : '',
        visibility: row?.visibility ?? 'private',
      };
    });
    const consents = profile
      ? await tx
          .select({
            id: profileConsents.id,
            at: profileConsents.createdAt,
            field: profileConsents.field,
            from: profileConsents.previousVisibility,
            to: profileConsents.visibility,
            noticeVersion: profileConsents.noticeVersion,
          })
          .from(profileConsents)
          .where(eq(profileConsents.userId, actor.id))
          .orderBy(desc(profileConsents.createdAt))
          .limit(100)
      : [];
    // Shortlists naming the person, once proposed (RLS: shortlists_view shows a person the lists naming them).
    const lists = await tx
      .select({
        id: shortlists.id,
        profileId: shortlistEntries.profileId,
        brandAccountId: shortlists.brandAccountId,
        campaign: shortlists.campaign,
        proposedAt: shortlists.proposedAt,
        listWithdrawnAt: shortlists.withdrawnAt,
        withdrawnAt: shortlistEntries.withdrawnAt,
        withdrawnBy: shortlistEntries.withdrawnBy,
      })
      .from(shortlists)
      .innerJoin(
        shortlistEntries,
        and(eq(shortlistEntries.shortlistId, shortlists.id), eq(shortlistEntries.userId, actor.id)),
      )
      .where(isNotNull(shortlists.proposedAt))
      .orderBy(desc(shortlists.proposedAt));
    const proposals: MyProfile['proposals'] = [];
    for (const l of lists) {
      const brand = await brandFor(tx, actor.id, l.brandAccountId);
      // Withdrawn (by the person or the agency, or the whole list): kept in their history, no longer seen by the brand.
      const withdrawnAt = l.withdrawnAt ?? l.listWithdrawnAt;
      const withdrawnBy = withdrawnAt === null ? null : l.withdrawnBy === actor.id ? 'you' : 'agency';
      proposals.push({
        shortlistId: l.id,
        profileId: l.profileId,
        brand: brand.label,
        campaign: brand.known ? l.campaign : '',
        proposedAt: l.proposedAt,
        withdrawnAt,
        withdrawnBy,
      });
    }
    const viewRows = await tx
      .select({ id: auditEvents.id, at: auditEvents.at, details: auditEvents.details })
      .from(auditEvents)
      .where(
        and(
          eq(auditEvents.targetType, 'profile'),
          eq(auditEvents.targetId, actor.id),
          eq(auditEvents.action, 'profile.shortlist_view'),
        ),
      )
      .orderBy(desc(auditEvents.id))
      .limit(100);
    const views = viewRows.map((v) => {
      const list = proposals.find((p) => p.shortlistId === (v.details as { shortlistId?: string } | null)?.shortlistId);
      return { id: v.id, at: v.at, brand: list?.brand ?? 'A brand', campaign: list?.campaign ?? '' };
    });
    return {
      slug: profile?.slug ?? null,
      hasPublicField: fields.some((f) => f.visibility === 'public' && f.value !== ''),
      mayBePublic: !facts.zeroPublicAssociation,
      fields,
      consents: consents.map((c) => ({
        ...c,
        field: c.field,
        from: c.from,
        to: c.to,
      })),
      proposals,
      views,
    };
  });
}
