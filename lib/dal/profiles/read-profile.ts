import 'server-only';
import { and, eq } from 'drizzle-orm';
import { profileFields, profiles, users } from '@/db/schema';
import type { Actor } from '@/lib/authz';
import {
  canViewProfile,
  PROFILE_FIELDS,
  profileTier,
  type ProfileField,
  type ProfileVisibility,
} from '@/lib/authz/profiles';
import { visibleProfileFieldsWhere } from '@/lib/authz/profiles-sql';
import type { RequestMeta } from '../audit';
import { withActor } from '../transaction';
import { fieldText, loadProfileFacts } from './facts';

export type ProfileView = {
  profileId: string;
  name: string | null;
  fields: { field: ProfileField; value: string; visibility: ProfileVisibility }[];
};

/**
 * Someone's profile inside the portal (`profile.view`): exactly the fields the policy allows the actor — every
 * field for the agency people cleared for the person, the staffing fields of a contractor for staff, the
 * brand-visible ones for a brand it was proposed to, the public ones for anyone else. Filtered in SQL, decided
 * again by the policy, audited in the same transaction (allowed or denied). Null (not found) when nothing is
 * visible.
 */
export async function readProfile(
  actor: Actor,
  profileId: string,
  meta: RequestMeta,
  now = new Date(),
): Promise<ProfileView | null> {
  return withActor(actor, async ({ tx, audit }) => {
    const [profile] = await tx
      .select({ id: profiles.id, userId: profiles.userId })
      .from(profiles)
      .where(eq(profiles.id, profileId));
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
          .where(and(eq(profileFields.profileId, profile.id), visibleProfileFieldsWhere(actor, now)))
      : [];
    const facts = profile ? await loadProfileFacts(tx, actor, profile.userId) : null;
    const decision = facts
      ? canViewProfile(
          actor,
          facts,
          rows.map((r) => ({ field: r.field, visibility: r.visibility })),
          now,
        )
      : null;
    if (!profile || !decision?.allowed) {
      audit({
        actorId: actor.id,
        action: 'profile.view',
        targetType: 'profile',
        targetId: null,
        outcome: 'denied',
        reason: decision && !decision.allowed ? decision.reason : 'not_found',
        details: { profileId },
        meta,
      });
      return null;
    }
    // The account name only to those who see every field (the person's cleared agency people, admins for a contractor).
    const tier = profileTier(actor, facts!, now);
    const [person] =
      tier === 'all' || tier === 'staffing'
        ? await tx.select({ name: users.name }).from(users).where(eq(users.id, profile.userId))
        : [];
    audit({
      actorId: actor.id,
      action: 'profile.view',
      targetType: 'profile',
      targetId: profile.userId,
      outcome: 'allowed',
      details: { fields: decision.fields },
      meta,
    });
    return {
      profileId: profile.id,
      name: person?.name ?? null,
      fields: PROFILE_FIELDS.filter((f) => decision.fields.includes(f)).map((field) => {
        const row = rows.find((r) => r.field === field)!;
        return {
          field,
          value: fieldText({
            ...row,
            field: row.field,
            visibility: row.visibility,
          }),
          visibility: row.visibility,
        };
      }),
    };
  });
}
