import 'server-only';
import { and, eq, isNull } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { shortlistEntries, shortlists } from '@/db/schema';
import type { Actor } from '@/lib/authz';
import { canWithdrawFromShortlist } from '@/lib/authz/profiles';
import { invalid, notFoundError } from '@/lib/errors';
import type { AuditEntry, RequestMeta } from '../audit';
import { notify } from '../notifications/notify';
import { brandFor } from '../profiles/brand-label';
import { refuse, withActor } from '../transaction';
import { loadShortlist } from './load';

/*
 * Shortlists can be withdrawn (issue 14): the author withdraws a creator or the whole shortlist, a creator
 * withdraws themselves. The brand stops seeing them at once (row-level security of migration 0037 hides a
 * withdrawn entry or list from the brand and takes away the brand's view of the profile); the creator and the
 * author keep the record. Each withdrawal is audited as an event about the creator, so it shows in their history.
 */

type Entry = { shortlistId: string; profileId: string; userId: string; withdrawnAt: Date | null };

type List = { id: string; brandAccountId: string; createdBy: string; campaign: string };

async function withdrawEntry(
  tx: Tx,
  audit: (e: AuditEntry) => void,
  actor: Actor,
  list: List,
  entry: Entry,
  meta: RequestMeta,
  now: Date,
) {
  const [row] = await tx
    .update(shortlistEntries)
    .set({ withdrawnAt: now, withdrawnBy: actor.id })
    .where(
      and(
        eq(shortlistEntries.shortlistId, entry.shortlistId),
        eq(shortlistEntries.profileId, entry.profileId),
        isNull(shortlistEntries.withdrawnAt),
      ),
    )
    .returning({ userId: shortlistEntries.userId });
  if (!row) return false;
  const by = actor.id === entry.userId ? 'creator' : 'agency';
  audit({
    actorId: actor.id,
    action: 'shortlist.withdraw',
    targetType: 'profile',
    targetId: entry.userId,
    outcome: 'allowed',
    details: { shortlistId: list.id, by },
    meta,
  });
  if (by === 'agency') {
    const brand = await brandFor(tx, entry.userId, list.brandAccountId);
    await notify(
      tx,
      { kind: 'shortlist.withdrawn', userIds: [entry.userId], projectId: null, subject: list.id },
      () => ({
        title: `You were withdrawn from a shortlist for ${brand.label}`,
        body: `The agency withdrew you from the shortlist it proposed to ${brand.label}. The brand no longer sees your profile there.`,
        href: '/profile',
      }),
    );
  } else {
    // The author learns that a creator they proposed withdrew (they know whom they proposed).
    await notify(
      tx,
      { kind: 'shortlist.withdrawn', userIds: [list.createdBy], projectId: null, subject: list.id },
      (_r, mention) => ({
        title: `A creator withdrew from your shortlist “${list.campaign}”`,
        body: `${mention(entry.userId)} withdrew from the shortlist “${list.campaign}”. The brand no longer sees them there.`,
        href: `/shortlists/${list.id}`,
      }),
    );
  }
  return true;
}

/** Withdraws one creator from a shortlist: its author, or the creator themselves. */
export async function withdrawFromShortlist(
  actor: Actor,
  input: { shortlistId: string; profileId: string },
  meta: RequestMeta,
  now = new Date(),
) {
  return withActor(actor, async ({ tx, audit }) => {
    const list = await loadShortlist(tx, input.shortlistId);
    const [entry] = list
      ? await tx
          .select({
            shortlistId: shortlistEntries.shortlistId,
            profileId: shortlistEntries.profileId,
            userId: shortlistEntries.userId,
            withdrawnAt: shortlistEntries.withdrawnAt,
          })
          .from(shortlistEntries)
          .where(and(eq(shortlistEntries.shortlistId, list.row.id), eq(shortlistEntries.profileId, input.profileId)))
      : [];
    const decision = list && entry ? canWithdrawFromShortlist(actor, list.facts, entry.userId) : null;
    if (!list || !entry || !decision?.allowed) {
      audit({
        actorId: actor.id,
        action: 'shortlist.withdraw',
        targetType: 'shortlist',
        targetId: list?.row.id ?? null,
        outcome: 'denied',
        reason: decision && !decision.allowed ? decision.reason : 'not_found',
        details: { shortlistId: input.shortlistId, profileId: input.profileId },
        meta,
      });
      return refuse(notFoundError());
    }
    if (
      entry.withdrawnAt ||
      !(await withdrawEntry(
        tx,
        audit,
        actor,
        {
          id: list.row.id,
          brandAccountId: list.row.brandAccountId,
          createdBy: list.row.createdBy,
          campaign: list.row.campaign,
        },
        entry,
        meta,
        now,
      ))
    ) {
      throw invalid('Already withdrawn from this shortlist.');
    }
  });
}

/** Withdraws the whole shortlist (its author): the brand no longer sees it or anyone on it. */
export async function withdrawShortlist(
  actor: Actor,
  input: { shortlistId: string },
  meta: RequestMeta,
  now = new Date(),
): Promise<number> {
  return withActor(actor, async ({ tx, audit }) => {
    const list = await loadShortlist(tx, input.shortlistId);
    const decision = list ? canWithdrawFromShortlist(actor, list.facts, null) : null;
    if (!list || !decision?.allowed) {
      audit({
        actorId: actor.id,
        action: 'shortlist.withdraw_all',
        targetType: 'shortlist',
        targetId: list?.row.id ?? null,
        outcome: 'denied',
        reason: decision && !decision.allowed ? decision.reason : 'not_found',
        details: { shortlistId: input.shortlistId },
        meta,
      });
      return refuse(notFoundError());
    }
    const [moved] = await tx
      .update(shortlists)
      .set({ withdrawnAt: now })
      .where(and(eq(shortlists.id, list.row.id), isNull(shortlists.withdrawnAt)))
      .returning({ id: shortlists.id });
    if (!moved) throw invalid('This shortlist is already withdrawn.');
    const entries = await tx
      .select({
        shortlistId: shortlistEntries.shortlistId,
        profileId: shortlistEntries.profileId,
        userId: shortlistEntries.userId,
        withdrawnAt: shortlistEntries.withdrawnAt,
      })
      .from(shortlistEntries)
      .where(and(eq(shortlistEntries.shortlistId, list.row.id), isNull(shortlistEntries.withdrawnAt)));
    let n = 0;
    for (const entry of entries)
      if (
        await withdrawEntry(
          tx,
          audit,
          actor,
          {
            id: list.row.id,
            brandAccountId: list.row.brandAccountId,
            createdBy: list.row.createdBy,
            campaign: list.row.campaign,
          },
          entry,
          meta,
          now,
        )
      )
        n++;
    audit({
      actorId: actor.id,
      action: 'shortlist.withdraw_all',
      targetType: 'shortlist',
      targetId: list.row.id,
      outcome: 'allowed',
      details: { entries: n },
      meta,
    });
    return n;
  });
}
