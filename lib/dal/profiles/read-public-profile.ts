import 'server-only';
import { and, eq } from 'drizzle-orm';
import { profileFields, profiles } from '@/db/schema';
import { canViewProfile, PROFILE_FIELDS, type ProfileField } from '@/lib/authz/profiles';
import { visibleProfileFieldsWhere } from '@/lib/authz/profiles-sql';
import { withActor } from '../transaction';
import { fieldText, loadProfileFacts } from './facts';

export type PublicProfile = { slug: string; fields: { field: ProfileField; value: string }[] };

/**
 * A public profile page (issue 14 point 3): read as the public (no actor) whoever asks, so it shows the public
 * fields and nothing else. None for a person who made nothing public, or a client under zero public
 * association (the policy and row-level security agree; both are asked). Read on every request, so a
 * withdrawal shows at once.
 */
export async function readPublicProfile(slug: string): Promise<PublicProfile | null> {
  return withActor(null, async ({ tx }) => {
    const [profile] = await tx
      .select({ id: profiles.id, userId: profiles.userId, slug: profiles.slug })
      .from(profiles)
      .where(eq(profiles.slug, slug));
    if (!profile) return null;
    const rows = await tx
      .select({
        profileId: profileFields.profileId,
        field: profileFields.field,
        visibility: profileFields.visibility,
        value: profileFields.value,
        sealed: profileFields.sealed,
      })
      .from(profileFields)
      .where(and(eq(profileFields.profileId, profile.id), visibleProfileFieldsWhere(null)));
    const facts = await loadProfileFacts(tx, null, profile.userId);
    const decision = canViewProfile(
      null,
      facts,
      rows.map((r) => ({ field: r.field, visibility: r.visibility })),
    );
    if (!decision.allowed) return null;
    const fields = PROFILE_FIELDS.filter((f) => decision.fields.includes(f)).map((field) => ({
      field,
      value: fieldText(rows.find((r) => r.field === field)!),
    }));
    return { slug: profile.slug, fields };
  });
}
