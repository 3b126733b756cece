/**
 * The SQL twin of profiles.ts: the same rules as WHERE conditions, so lists of profiles and fields are filtered
 * in the database. The agreement test (tests/integration/profiles-agreement.test.ts) proves the twin, the
 * function and row-level security agree case by case.
 */
import { sql, type SQL } from 'drizzle-orm';
import { memberships, ndaSignatures, profileFields, projects, shortlistEntries, shortlists, users } from '@/db/schema';
import type { Actor } from './types';
import { NEVER_PUBLIC_FIELDS, STAFFING_FIELDS, type ProfileTier } from './profiles';

const at = (now: Date) => sql`${now.toISOString()}::timestamptz`;
const list = (values: readonly string[]) =>
  sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  );

/*
 * Facts about the person (whether they hold a profile, zero public association, their accounts) come from the
 * definer functions of migration 0029 (app_profile_holder, app_profile_public, app_profile_person): users and
 * client accounts are walled for the application role (migration 0028), and these facts do not depend on the
 * actor. Everything about the actor (memberships, NDAs, brand accounts, shortlists) is read here.
 */

/** `person` may hold a profile: an active contractor, or an active client user of a talent account. */
export const profileHolder = (person: SQL): SQL => sql`app_profile_holder(${person})`;

/** `person` may have a public profile: a holder with no zero-public-association account. */
export const profileMayBePublic = (person: SQL): SQL => sql`app_profile_public(${person})`;

const personRole = (person: SQL, role: string) =>
  sql`exists (select 1 from ${users} ru where ru.id = ${person} and ru.role = ${role})`;

/** The actor's tier for `person` is `tier` (profiles.ts `profileTier`). */
export function profileTierIs(
  actor: Actor | null,
  person: SQL,
  tier: Exclude<ProfileTier, 'none'>,
  now: Date = new Date(),
): SQL {
  if (!actor || actor.disabled) return sql`false`;
  const holder = profileHolder(person);
  const self = sql`${person} = ${actor.id}`;
  const contractor = personRole(person, 'contractor');
  const client = personRole(person, 'client');
  if (tier === 'all') {
    const agencyCleared =
      actor.role === 'admin' || actor.role === 'staff' || actor.role === 'contractor'
        ? sql`(${client} and exists (select 1 from ${memberships} pm join ${projects} pp on pp.id = pm.project_id
          where pp.client_account_id = any(array(select unnest(pa.accounts) from app_profile_person(${person}) pa))
            and pm.user_id = ${actor.id} and pm.revoked_at is null and (pm.expires_at is null or pm.expires_at > ${at(now)})
            and (pm.role = 'lead' or 'identity' = any(pm.scopes))
            and exists (select 1 from ${ndaSignatures} ps where ps.user_id = ${actor.id} and ps.superseded_at is null
              and (ps.client_account_id is null or ps.client_account_id = pp.client_account_id)
              and (ps.expires_at is null or ps.expires_at > ${at(now)}))))`
        : sql`false`;
    const adminOfContractor = actor.role === 'admin' ? contractor : sql`false`;
    return sql`(${holder} and (${self} or ${adminOfContractor} or ${agencyCleared}))`;
  }
  if (tier === 'staffing')
    return actor.role === 'staff' ? sql`(${holder} and not ${self} and ${contractor})` : sql`false`;
  if (actor.role !== 'client') return sql`false`;
  if (actor.clientAccountIds.length === 0) return sql`false`;
  return sql`(${holder} and not ${self} and ${client} and exists (select 1 from ${shortlistEntries} be join ${shortlists} bs on bs.id = be.shortlist_id
    where be.user_id = ${person} and bs.proposed_at is not null and bs.withdrawn_at is null and be.withdrawn_at is null
      and bs.brand_account_id in (${list(actor.clientAccountIds)})))`;
}

/** Fields (rows of `profile_fields` in the FROM clause) the actor may read (`profile.view`'s field set). */
export function visibleProfileFieldsWhere(actor: Actor | null, now: Date = new Date()): SQL {
  if (actor?.disabled) return sql`false`;
  const person = sql`${profileFields.userId}`;
  const isPublic = sql`(${profileFields.visibility} = 'public' and ${profileFields.field}::text not in (${list(NEVER_PUBLIC_FIELDS)}) and ${profileMayBePublic(person)})`;
  return sql`(${profileTierIs(actor, person, 'all', now)}
    or (${profileTierIs(actor, person, 'staffing', now)} and (${profileFields.field}::text in (${list(STAFFING_FIELDS)}) or ${isPublic}))
    or (${profileTierIs(actor, person, 'brand', now)} and ${profileFields.visibility} in ('brand', 'public'))
    or ${isPublic})`;
}
