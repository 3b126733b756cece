import 'server-only';
import { and, eq } from 'drizzle-orm';
import { profileConsents, profileFields, profiles } from '@/db/schema';
import type { Actor } from '@/lib/authz';
import {
  canEditProfile,
  PROFILE_NOTICE_VERSION,
  type ProfileField,
  type ProfileVisibility,
} from '@/lib/authz/profiles';
import { randomToken } from '@/lib/crypto/tokens';
import { invalid } from '@/lib/errors';
import { CONSENT_NEEDED, NOTICE_CHANGED } from '@/lib/profiles/messages';
import type { RequestMeta } from '../audit';
import { withActor } from '../transaction';
import { fieldColumns, loadProfileFacts, profileOf } from './facts';

export type FieldChange = {
  field: ProfileField;
  value: string;
  visibility: ProfileVisibility;
  consent: boolean;
  noticeVersion: string;
};

/**
 * Sets one field of the person's own profile (`profile.edit`): its value and who may see it. Widening a field
 * to brands or the public is a consent the person gives on this field, with the notice version they read;
 * every visibility change, withdrawals included, is recorded append-only in `profile_consents`. A withdrawal
 * holds from the next request: every read asks the database. An empty value removes the field.
 */
export async function updateProfileField(
  actor: Actor,
  change: FieldChange,
  meta: RequestMeta,
): Promise<'saved' | 'removed'> {
  return withActor(
    actor,
    async ({ tx, audit, enforce }) => {
      const facts = await loadProfileFacts(tx, actor, actor.id);
      enforce(canEditProfile(actor, facts, { field: change.field, visibility: change.visibility }), {
        action: 'profile.edit',
        targetType: 'profile',
        targetId: actor.id,
        recordAllowed: false,
      });
      const existing = await profileOf(tx, actor.id);
      // The first field creates the profile, at a random address that names nobody.
      const profileId =
        existing?.id ??
        (
          await tx
            .insert(profiles)
            .values({
              userId: actor.id,
              slug: randomToken(9)
                .toLowerCase()
                .replace(/[^a-z0-9]/g, 'x'),
            })
            .returning({ id: profiles.id })
        )[0]!.id;
      const [current] = await tx
        .select({ visibility: profileFields.visibility })
        .from(profileFields)
        .where(and(eq(profileFields.profileId, profileId), eq(profileFields.field, change.field)));
      const previous = current?.visibility ?? 'private';
      const next: ProfileVisibility = change.value === '' ? 'private' : change.visibility;
      const widening = next !== 'private' && next !== previous;
      if (widening && change.noticeVersion !== PROFILE_NOTICE_VERSION) throw invalid(NOTICE_CHANGED);
      if (widening && !change.consent) throw invalid(CONSENT_NEEDED, { consent: [CONSENT_NEEDED] });

      if (change.value === '') {
        await tx
          .delete(profileFields)
          .where(and(eq(profileFields.profileId, profileId), eq(profileFields.field, change.field)));
      } else {
        const columns = fieldColumns(profileId, change.field, change.value);
        await tx
          .insert(profileFields)
          .values({ profileId, userId: actor.id, field: change.field, visibility: next, ...columns })
          .onConflictDoUpdate({
            target: [profileFields.profileId, profileFields.field],
            set: { visibility: next, ...columns, updatedAt: new Date() },
          });
      }
      if (next !== previous) {
        await tx.insert(profileConsents).values({
          profileId,
          userId: actor.id,
          field: change.field,
          previousVisibility: previous,
          visibility: next,
          noticeVersion: PROFILE_NOTICE_VERSION,
          ip: meta.ip,
          userAgent: meta.userAgent?.slice(0, 512) ?? null,
        });
      }
      await tx.update(profiles).set({ updatedAt: new Date() }).where(eq(profiles.id, profileId));
      audit({
        actorId: actor.id,
        action: next !== previous ? 'profile.visibility' : 'profile.edit',
        targetType: 'profile',
        targetId: actor.id,
        outcome: 'allowed',
        details: { field: change.field, from: previous, to: next },
        meta,
      });
      return change.value === '' ? 'removed' : 'saved';
    },
    { meta },
  );
}
