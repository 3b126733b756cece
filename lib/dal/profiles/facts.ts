import 'server-only';
import { and, eq, inArray, isNotNull, sql, isNull } from 'drizzle-orm';
import { rowsOf, type Tx } from '@/db/client';
import { profileFields, profiles, projectDirectory, shortlistEntries, shortlists } from '@/db/schema';
import type { Actor } from '@/lib/authz';
import type { ProfileFacts, ProfileField, ProfileVisibility } from '@/lib/authz/profiles';
import { open, seal, currentMasterKeyId } from '@/lib/crypto/envelope';
import { parseSealed } from '@/lib/crypto/item-content';
import { SEALED_FIELDS } from '@/lib/authz/profiles';
import { loadProjectFacts } from '../facts';

/*
 * What profiles.ts needs to decide about one person's profile for one actor: whether the person holds a
 * profile (a contractor, or a client user of a talent account), zero public association, the projects of
 * their accounts with the actor's standing, and the brands a proposed shortlist names them to (as far as the
 * actor may see: row-level security shows a brand member only their own brand's proposed shortlists).
 */
export async function loadProfileFacts(tx: Tx, actor: Actor | null, personId: string): Promise<ProfileFacts> {
  // Through a definer function: users and client accounts are walled (migration 0028); this says only what
  // the policy needs (holder kind, zero public association, the person's account ids).
  const [person] = rowsOf<{
    holder: 'talent' | 'contractor' | null;
    zero_public: boolean;
    accounts: string[] | string;
  }>(await tx.execute(sql`select holder, zero_public, accounts from app_profile_person(${personId})`));
  const holder = person?.holder ?? null;
  const accounts =
    typeof person?.accounts === 'string'
      ? person.accounts.replace(/[{}]/g, '').split(',').filter(Boolean)
      : (person?.accounts ?? []);
  const projectFacts = [];
  if (holder === 'talent' && actor && actor.role !== 'client' && accounts.length > 0) {
    const projectRows = await tx
      .select({ id: projectDirectory.id })
      .from(projectDirectory)
      .where(inArray(projectDirectory.clientAccountId, accounts));
    for (const p of projectRows) {
      const facts = await loadProjectFacts(tx, actor, p.id);
      if (facts) projectFacts.push(facts);
    }
  }
  const proposed =
    actor && actor.role === 'client' && actor.clientAccountIds.length > 0
      ? await tx
          .selectDistinct({ brand: shortlists.brandAccountId })
          .from(shortlistEntries)
          .innerJoin(shortlists, eq(shortlists.id, shortlistEntries.shortlistId))
          .where(
            and(
              eq(shortlistEntries.userId, personId),
              isNotNull(shortlists.proposedAt),
              // A withdrawn entry or list no longer proposes the person (issue 14; migration 0037 says the same).
              isNull(shortlists.withdrawnAt),
              isNull(shortlistEntries.withdrawnAt),
              inArray(shortlists.brandAccountId, [...actor.clientAccountIds]),
            ),
          )
      : [];
  return {
    userId: personId,
    holder,
    zeroPublicAssociation: person?.zero_public ?? false,
    projects: projectFacts,
    proposedToBrands: proposed.map((p) => p.brand),
  };
}

export type StoredField = {
  profileId: string;
  field: ProfileField;
  visibility: ProfileVisibility;
  value: string | null;
  sealed: unknown;
};

const context = (profileId: string, field: ProfileField) => `profile-field:${profileId}:${field}`;

/** A field's plaintext: sealed fields are opened here, only after the policy allowed them. */
export function fieldText(row: StoredField): string {
  if (row.sealed) return open(parseSealed(row.sealed), context(row.profileId, row.field));
  return row.value ?? '';
}

/** The stored form of a value: rates, date of birth and contact details sealed, no plaintext beside them. */
export function fieldColumns(profileId: string, field: ProfileField, text: string) {
  if (SEALED_FIELDS.includes(field))
    return { value: null, sealed: seal(text, context(profileId, field)), keyId: currentMasterKeyId() };
  return { value: text, sealed: null, keyId: null };
}

/** The person's profile row, if they have one (RLS: the person always sees their own). */
export async function profileOf(tx: Tx, userId: string) {
  const [row] = await tx.select().from(profiles).where(eq(profiles.userId, userId));
  return row ?? null;
}

/** The stored fields of a profile the actor may see, filtered in SQL by the policy's twin. */
export const fieldRows = (tx: Tx, profileId: string, where: ReturnType<typeof eq>) =>
  tx
    .select({
      profileId: profileFields.profileId,
      field: profileFields.field,
      visibility: profileFields.visibility,
      value: profileFields.value,
      sealed: profileFields.sealed,
    })
    .from(profileFields)
    .where(and(eq(profileFields.profileId, profileId), where));
