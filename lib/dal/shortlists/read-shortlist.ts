import 'server-only';
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import { profileFields, shortlistEntries, users } from '@/db/schema';
import type { Actor } from '@/lib/authz';
import { canShortlist, canViewProfile, PROFILE_FIELDS, type ProfileField } from '@/lib/authz/profiles';
import { visibleProfileFieldsWhere } from '@/lib/authz/profiles-sql';
import type { RequestMeta } from '../audit';
import { notFoundError } from '@/lib/errors';
import { withActor } from '../transaction';
import { fieldText, loadProfileFacts } from '../profiles/facts';
import { loadShortlist } from './load-shortlist';

export type ShortlistView = {
  id: string;
  campaign: string;
  brand: string;
  proposedAt: Date | null;
  /** The whole list withdrawn by its author (the brand no longer sees it). */
  withdrawnAt: Date | null;
  mine: boolean;
  /** Withdrawn entries are shown to the author only (the brand's view leaves them out: row-level security). */
  entries: {
    profileId: string;
    name: string | null;
    fields: { field: ProfileField; value: string }[];
    withdrawnAt: Date | null;
    withdrawnBy: 'creator' | 'agency' | null;
  }[];
};

/**
 * A shortlist (`shortlist.view`): its author, and the brand's members once proposed. Each creator shows with
 * their brand-visible and public fields only — for the author too, who sees what the brand will see. Every view
 * by the brand is audited once per creator, as a `profile.shortlist_view` event about that person, which shows
 * in their history on /profile. Null (not found) for anyone else.
 */
export async function readShortlist(
  actor: Actor,
  shortlistId: string,
  meta: RequestMeta,
  now = new Date(),
): Promise<ShortlistView | null> {
  // A refused read answers null: this refusal is recognised below, and only this one.
  const hidden = notFoundError();
  try {
    return await withActor(
      actor,
      async ({ tx, audit, deny, enforce }) => {
        const list = await loadShortlist(tx, shortlistId);
        const event = {
          action: 'shortlist.view',
          targetType: 'shortlist',
          targetId: null,
          details: { shortlistId },
          recordAllowed: false,
        } as const;
        if (!list) return deny({ ...event, reason: 'not_found' }, hidden);
        enforce(canShortlist(actor, 'shortlist.view', list.facts), event, hidden);
        const mine = list.row.createdBy === actor.id;
        const entries = await tx
          .select({
            profileId: shortlistEntries.profileId,
            userId: shortlistEntries.userId,
            name: users.name,
            withdrawnAt: shortlistEntries.withdrawnAt,
            withdrawnBy: shortlistEntries.withdrawnBy,
          })
          .from(shortlistEntries)
          .innerJoin(users, eq(users.id, shortlistEntries.userId))
          // The brand never sees a withdrawn creator (row-level security says so too).
          .where(
            and(eq(shortlistEntries.shortlistId, list.row.id), mine ? undefined : isNull(shortlistEntries.withdrawnAt)),
          )
          .orderBy(shortlistEntries.createdAt);
        const rows = entries.length
          ? await tx
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
                    entries.map((e) => e.profileId),
                  ),
                  sql`${profileFields.visibility} in ('brand', 'public')`,
                  visibleProfileFieldsWhere(actor, now),
                ),
              )
          : [];
        const out: ShortlistView['entries'] = [];
        for (const entry of entries) {
          const mineRows = rows.filter((r) => r.userId === entry.userId);
          const facts = await loadProfileFacts(tx, actor, entry.userId);
          const allowed = canViewProfile(
            actor,
            facts,
            mineRows.map((r) => ({ field: r.field, visibility: r.visibility })),
            now,
          );
          const fields = allowed.allowed
            ? PROFILE_FIELDS.filter((f) => allowed.fields.includes(f)).map((field) => {
                const row = mineRows.find((r) => r.field === field)!;
                return {
                  field,
                  value: fieldText({
                    ...row,
                    field: row.field,
                    visibility: row.visibility,
                  }),
                };
              })
            : [];
          // The author knows whom they proposed; the brand sees the person only through their brand-visible fields.
          const withdrawnBy = entry.withdrawnAt ? (entry.withdrawnBy === entry.userId ? 'creator' : 'agency') : null;
          out.push({
            profileId: entry.profileId,
            name: mine ? entry.name : null,
            fields,
            withdrawnAt: entry.withdrawnAt,
            withdrawnBy,
          });
          if (!mine) {
            audit({
              actorId: actor.id,
              action: 'profile.shortlist_view',
              targetType: 'profile',
              targetId: entry.userId,
              outcome: 'allowed',
              details: { shortlistId: list.row.id, fields: fields.map((f) => f.field) },
              meta,
            });
          }
        }
        audit({
          actorId: actor.id,
          action: 'shortlist.view',
          targetType: 'shortlist',
          targetId: list.row.id,
          outcome: 'allowed',
          meta,
        });
        return {
          id: list.row.id,
          campaign: list.row.campaign,
          brand: list.row.brandCodename,
          proposedAt: list.row.proposedAt,
          withdrawnAt: list.row.withdrawnAt,
          mine,
          entries: out,
        };
      },
      { meta, now },
    );
  } catch (error) {
    if (error === hidden) return null;
    throw error;
  }
}
