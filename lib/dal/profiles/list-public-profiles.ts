import 'server-only';
import { eq } from 'drizzle-orm';
import { profileFields, profiles } from '@/db/schema';
import { visibleProfileFieldsWhere } from '@/lib/authz/profiles-sql';
import { withActor } from '../transaction';
import { fieldText } from './facts';

/** Public profiles to link from /portfolio: people with at least one public field they may show. */
export async function listPublicProfiles(): Promise<{ slug: string; name: string }[]> {
  return withActor(null, async ({ tx }) => {
    const rows = await tx
      .select({
        slug: profiles.slug,
        userId: profiles.userId,
        field: profileFields.field,
        visibility: profileFields.visibility,
        value: profileFields.value,
        sealed: profileFields.sealed,
        profileId: profileFields.profileId,
      })
      .from(profiles)
      .innerJoin(profileFields, eq(profileFields.profileId, profiles.id))
      .where(visibleProfileFieldsWhere(null));
    const out = new Map<string, { slug: string; name: string }>();
    for (const r of rows) {
      const entry = out.get(r.slug) ?? { slug: r.slug, name: 'Profile' };
      if (r.field === 'display_name') entry.name = fieldText({ ...r, field: r.field, visibility: r.visibility });
      out.set(r.slug, entry);
    }
    return [...out.values()];
  });
}
