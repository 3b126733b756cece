import { z } from 'zod';
import { NEVER_PUBLIC_FIELDS, PROFILE_FIELDS, PROFILE_VISIBILITIES } from '@/lib/authz/profiles';
import { uuid } from './ids';

/** Forms of profiles and shortlists (issue 14). */

const checkbox = z.preprocess((v) => v === 'on' || v === 'true', z.boolean());

/**
 * One field of the person's own profile: its value (empty clears it) and its visibility. Making a field
 * brand-visible or public needs the consent tick; rates, location, date of birth and contact never go public.
 */
export const updateProfileFieldSchema = z
  .object({
    field: z.enum(PROFILE_FIELDS, { message: 'Choose a field.' }),
    value: z.preprocess(
      (v) => (v === null || v === undefined ? '' : v),
      z.string().trim().max(4000, 'Keep it under 4,000 characters.'),
    ),
    visibility: z.enum(PROFILE_VISIBILITIES, { message: 'Choose who may see this field.' }),
    consent: checkbox,
    noticeVersion: z.string().trim().min(1).max(64),
  })
  .superRefine((v, ctx) => {
    if (v.visibility === 'public' && NEVER_PUBLIC_FIELDS.includes(v.field)) {
      ctx.addIssue({ code: 'custom', path: ['visibility'], message: 'This field can never be public.' });
    }
  });

export const createShortlistSchema = z.object({
  brandAccountId: uuid,
  campaign: z.string().trim().min(1, 'Name the campaign.').max(200, 'Keep it under 200 characters.'),
});

export const shortlistEntrySchema = z.object({ shortlistId: uuid, profileId: uuid });

export const proposeShortlistSchema = z.object({ shortlistId: uuid });

/** Withdrawing a creator from a shortlist (the author or the creator), or the whole shortlist (its author). */
export const withdrawShortlistEntrySchema = z.object({ shortlistId: uuid, profileId: uuid });
export const withdrawShortlistSchema = z.object({ shortlistId: uuid });
