import 'server-only';
import { eq, sql } from 'drizzle-orm';
import { profiles, users } from '@/db/schema';
import { isAgency, type Actor } from '@/lib/authz';
import { profileTierIs } from '@/lib/authz/profiles-sql';
import { withActor } from '../transaction';

/**
 * Talent and creator profiles the agency person is cleared for (every field: an identity-scoped membership on a
 * project of theirs, on a valid NDA), filtered in SQL by the policy's twin.
 */
export async function listClearedCreators(
  actor: Actor,
  now = new Date(),
): Promise<{ profileId: string; name: string }[]> {
  if (actor.disabled || !isAgency(actor.role)) return [];
  return withActor(actor, ({ tx }) =>
    tx
      .select({ profileId: profiles.id, name: users.name })
      .from(profiles)
      .innerJoin(users, eq(users.id, profiles.userId))
      .where(sql`${users.role} = 'client' and ${profileTierIs(actor, sql`${profiles.userId}`, 'all', now)}`)
      .orderBy(users.name),
  );
}
