import 'server-only';
import { randomUUID } from 'node:crypto';
import type { Tx } from '../client';
import { notifications, profileConsents, profileFields, profiles, shortlistEntries, shortlists } from '../schema';
import { currentMasterKeyId, seal } from '@/lib/crypto/envelope';
import { PROFILE_NOTICE_VERSION, SEALED_FIELDS, type ProfileField, type ProfileVisibility } from '@/lib/authz/profiles';

/**
 * The profiles of docs/product.md §9.1: Nova's bio public (NOVA-PUBLIC-BIO, on her public page, linked from
 * /portfolio), her media kit brand-visible (NOVA-MEDIA-KIT: Sam proposed her to Lumen), her rates private and sealed
 * (NOVA-RATES); Kai's profile private (KAI-PROFILE-BIO) and no public page (zero public association); Cora's experience
 * and skills for staff choosing freelancers.
 */
export const PROFILE_CANARIES = ['NOVA-PUBLIC-BIO', 'NOVA-MEDIA-KIT', 'NOVA-RATES', 'KAI-PROFILE-BIO'] as const;
export const NOVA_PROFILE_SLUG = 'nova-reyes';
/** Kai's profile address exists but answers 404: he has no public profile (zero public association). */
export const KAI_PROFILE_SLUG = 'orion';

type Field = { field: ProfileField; value: string; visibility: ProfileVisibility };

export async function seedProfiles(
  tx: Tx,
  ids: { nova: string; kai: string; cora: string; sam: string; lumen: string },
  at: (days: number) => Date,
): Promise<void> {
  const put = async (userId: string, slug: string, fields: Field[]) => {
    const profileId = randomUUID();
    await tx.insert(profiles).values({ id: profileId, userId, slug });
    for (const f of fields) {
      const sealed = SEALED_FIELDS.includes(f.field);
      await tx.insert(profileFields).values({
        profileId,
        userId,
        field: f.field,
        visibility: f.visibility,
        value: sealed ? null : f.value,
        sealed: sealed ? seal(f.value, `profile-field:${profileId}:${f.field}`) : null,
        keyId: sealed ? currentMasterKeyId() : null,
      });
      if (f.visibility !== 'private') {
        await tx.insert(profileConsents).values({
          profileId,
          userId,
          field: f.field,
          previousVisibility: 'private',
          visibility: f.visibility,
          noticeVersion: PROFILE_NOTICE_VERSION,
          createdAt: at(-10),
        });
      }
    }
    return profileId;
  };
  const nova = await put(ids.nova, NOVA_PROFILE_SLUG, [
    { field: 'display_name', value: 'Nova Reyes', visibility: 'public' },
    { field: 'bio', value: 'Creator and host of a weekly beauty show. NOVA-PUBLIC-BIO', visibility: 'public' },
    {
      field: 'media_kit',
      value: 'Media kit 2026: audience, past partners and formats. NOVA-MEDIA-KIT',
      visibility: 'brand',
    },
    { field: 'rates', value: 'Sponsored video from 18,000 EUR. NOVA-RATES', visibility: 'private' },
  ]);
  await put(ids.kai, KAI_PROFILE_SLUG, [
    { field: 'display_name', value: 'Kai Storm', visibility: 'private' },
    { field: 'bio', value: 'Musician and producer. KAI-PROFILE-BIO', visibility: 'private' },
  ]);
  await put(ids.cora, randomUUID().slice(0, 12), [
    { field: 'display_name', value: 'Cora Editor', visibility: 'private' },
    {
      field: 'experience',
      value: 'Video editor for eight years: launches, documentaries, short-form.',
      visibility: 'private',
    },
    { field: 'skills', value: 'Premiere Pro, DaVinci Resolve, colour grading', visibility: 'private' },
  ]);
  const [list] = await tx
    .insert(shortlists)
    .values({
      brandAccountId: ids.lumen,
      campaign: 'Spring skincare launch',
      createdBy: ids.sam,
      createdAt: at(-3),
      proposedAt: at(-2),
    })
    .returning({ id: shortlists.id });
  await tx
    .insert(shortlistEntries)
    .values({ shortlistId: list!.id, profileId: nova, userId: ids.nova, addedBy: ids.sam, createdAt: at(-3) });
  await tx.insert(notifications).values({
    userId: ids.nova,
    kind: 'shortlist.proposed',
    title: 'You were proposed to Lumen Cosmetics',
    body: 'The agency proposed you to Lumen Cosmetics for a campaign (“Spring skincare launch”). The brand sees only the fields of your profile you made visible to brands or public.',
    href: '/profile',
    createdAt: at(-2),
  });
}
