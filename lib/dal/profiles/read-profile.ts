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
import { notFoundError } from '@/lib/errors';
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
  // Not found and not allowed are the same to the caller: null; the refused view is on the record.
  const refused = notFoundError();
  try {
    return await withActor(
      actor,
      async ({ tx, audit, enforce, deny }) => {
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
        const refusedEvent = {
          action: 'profile.view' as const,
          targetType: 'profile' as const,
          targetId: null,
          details: { profileId },
        };
        if (!profile) return deny({ ...refusedEvent, reason: 'not_found' }, refused);
        const facts = await loadProfileFacts(tx, actor, profile.userId);
        const decision = canViewProfile(
          actor,
          facts,
          rows.map((r) => ({ field: r.field, visibility: r.visibility })),
          now,
        );
        enforce(decision, { ...refusedEvent, recordAllowed: false }, refused);
        if (!decision.allowed) return null; // not reached (enforce ended the work): narrows the decision
        // The account name only to those who see every field (the person's cleared agency people, admins for a
        // contractor).
        const tier = profileTier(actor, facts, now);
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
      },
      { meta, now },
    );
  } catch (error) {
    if (error === refused) return null;
    throw error;
  }
}
