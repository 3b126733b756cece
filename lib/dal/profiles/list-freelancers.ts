import 'server-only';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { profileFields, profiles, users } from '@/db/schema';
import type { Actor } from '@/lib/authz';
import { canViewProfile, type ProfileField } from '@/lib/authz/profiles';
import { profileTierIs, visibleProfileFieldsWhere } from '@/lib/authz/profiles-sql';
import { withActor } from '../transaction';
import { fieldText, loadProfileFacts } from './facts';

/** What the browse list shows of a contractor: who they are and what they do. */
const BROWSE_FIELDS: readonly ProfileField[] = ['display_name', 'experience', 'skills', 'portfolio_links'];

export type Freelancer = {
  userId: string;
  profileId: string;
  name: string;
  fields: { field: ProfileField; value: string }[];
};

/**
 * Contractor profiles for choosing whom to grant (issue 14 point 5): staff (their staffing fields) and admins.
 * Filtered in SQL by the policy's twin; each person's field set is decided again by `profile.view`.
 */
export async function listFreelancers(actor: Actor, now = new Date()): Promise<Freelancer[]> {
  if (actor.disabled || (actor.role !== 'staff' && actor.role !== 'admin')) return [];
  return withActor(actor, async ({ tx, audit }) => {
    const people = await tx
      .select({ userId: users.id, name: users.name, profileId: profiles.id })
      .from(profiles)
      .innerJoin(users, eq(users.id, profiles.userId))
      .where(
        and(
          eq(users.role, 'contractor'),
          profileTierIs(actor, sql`${profiles.userId}`, actor.role === 'admin' ? 'all' : 'staffing', now),
        ),
      )
      .orderBy(users.name);
    if (people.length === 0) return [];
    const rows = await tx
      .select({
        profileId: profileFields.profileId,
        userId: profileFields.userId,
        field: profileFields.field,
        visibility: profileFields.visibility,
        value: profileFields.value,
        sealed: profileFields.sealed,
      })
      .from(profileFields)
      .where(
        and(
          inArray(
            profileFields.profileId,
            people.map((p) => p.profileId),
          ),
          inArray(profileFields.field, [...BROWSE_FIELDS]),
          visibleProfileFieldsWhere(actor, now),
        ),
      );
    const out: Freelancer[] = [];
    for (const person of people) {
      const mine = rows.filter((r) => r.userId === person.userId);
      const facts = await loadProfileFacts(tx, actor, person.userId);
      const decision = canViewProfile(
        actor,
        facts,
        mine.map((r) => ({ field: r.field, visibility: r.visibility })),
        now,
      );
      if (!decision.allowed) continue;
      out.push({
        userId: person.userId,
        profileId: person.profileId,
        name: person.name,
        fields: BROWSE_FIELDS.filter((f) => decision.fields.includes(f)).map((field) => {
          const row = mine.find((r) => r.field === field)!;
          return {
            field,
            value: fieldText({
              ...row,
              field: row.field,
              visibility: row.visibility,
            }),
          };
        }),
      });
    }
    audit({
      actorId: actor.id,
      action: 'profile.browse_freelancers',
      targetType: 'profile',
      outcome: 'allowed',
      details: { count: out.length },
    });
    return out;
  });
}
