import 'server-only';
import { and, eq, isNotNull } from 'drizzle-orm';
import { allowlistEntries, itemDirectory, memberships } from '@/db/schema';
import type { Actor, DenyReason, ItemCategory } from '@/lib/authz';
import { checkUndoRevocation } from '@/lib/authz/policy';
import { invalid, notFoundError } from '@/lib/errors';
import { itemReference } from '@/lib/labels';
import type { RequestMeta } from '../audit';
import { notify } from '../notifications/notify';
import { refuse, withActor } from '../transaction';
import { transition } from '../transition';
import { assertAllowed } from '../guard';

const UNDO_MESSAGES: Partial<Record<DenyReason, string>> = {
  undo_window_passed:
    'The minute to undo this has passed: the revocation stands. Grant access anew if it is still needed.',
  not_revoker: 'Only the administrator who revoked this can undo it.',
};

/**
 * Undoing a membership revocation within the minute (issue 16): the same row gets its access back exactly as it
 * was (role, scopes, expiry, grantor and NDA never changed), audited as an undo. The policy decides
 * (checkUndoRevocation: the admin who revoked it, within the minute) and so does the database
 * (memberships_transition_guard, migration 0038). The revoked person is told their access is back.
 */
export async function undoMembershipRevocation(
  actor: Actor,
  input: { membershipId: string },
  meta: RequestMeta,
  now = new Date(),
) {
  assertAllowed(actor, 'membership.grant');
  return withActor(actor, async ({ tx, audit }) => {
    const [row] = await tx
      .select({
        userId: memberships.userId,
        projectId: memberships.projectId,
        revokedAt: memberships.revokedAt,
        revokedBy: memberships.revokedBy,
      })
      .from(memberships)
      .where(eq(memberships.id, input.membershipId));
    if (!row) throw notFoundError();
    const decision = checkUndoRevocation(actor, row, now);
    if (!decision.allowed) {
      audit({
        actorId: actor.id,
        action: 'membership.revoke_undone',
        targetType: 'user',
        targetId: row.userId,
        projectId: row.projectId,
        outcome: 'denied',
        reason: decision.reason,
        details: { membershipId: input.membershipId },
        meta,
      });
      return refuse(invalid(UNDO_MESSAGES[decision.reason] ?? 'This revocation cannot be undone.'));
    }
    // The revocation this actor made, still in place: two clicks restore once.
    const restored = await transition(tx, {
      table: memberships,
      row: eq(memberships.id, input.membershipId),
      from: and(isNotNull(memberships.revokedAt), eq(memberships.revokedBy, actor.id))!,
      set: { revokedAt: null, revokedBy: null },
      returning: { id: memberships.id },
    });
    if (!restored) throw invalid('This revocation was already undone.');
    audit({
      actorId: actor.id,
      action: 'membership.revoke_undone',
      targetType: 'user',
      targetId: row.userId,
      projectId: row.projectId,
      outcome: 'allowed',
      details: { membershipId: input.membershipId, revokedAt: row.revokedAt },
      meta,
    });
    await notify(tx, { kind: 'access.granted', userIds: [row.userId], projectId: row.projectId }, (r) => ({
      title: `Access restored: ${r.projectLabel}`,
      body: `The revocation of your access to ${r.projectLabel} was undone: your access is as it was.`,
      href: `/projects/${row.projectId}`,
    }));
    return { projectId: row.projectId };
  });
}

/** Undoing an allowlist removal within the minute: the entry is in force again exactly as it was, audited as an undo. */
export async function undoAllowlistRevocation(
  actor: Actor,
  input: { entryId: string },
  meta: RequestMeta,
  now = new Date(),
) {
  assertAllowed(actor, 'allowlist.grant');
  return withActor(actor, async ({ tx, audit }) => {
    const [row] = await tx
      .select({
        userId: allowlistEntries.userId,
        itemId: allowlistEntries.itemId,
        revokedAt: allowlistEntries.revokedAt,
        revokedBy: allowlistEntries.revokedBy,
        projectId: itemDirectory.projectId,
        ref: itemDirectory.ref,
        category: itemDirectory.category,
      })
      .from(allowlistEntries)
      .innerJoin(itemDirectory, eq(itemDirectory.id, allowlistEntries.itemId))
      .where(eq(allowlistEntries.id, input.entryId));
    if (!row) throw notFoundError();
    const decision = checkUndoRevocation(actor, row, now);
    if (!decision.allowed) {
      audit({
        actorId: actor.id,
        action: 'allowlist.revoke_undone',
        targetType: 'item',
        targetId: row.itemId,
        projectId: row.projectId,
        outcome: 'denied',
        reason: decision.reason,
        details: { allowlistEntryId: input.entryId, granteeId: row.userId },
        meta,
      });
      return refuse(invalid(UNDO_MESSAGES[decision.reason] ?? 'This removal cannot be undone.'));
    }
    const restored = await transition(tx, {
      table: allowlistEntries,
      row: eq(allowlistEntries.id, input.entryId),
      from: and(isNotNull(allowlistEntries.revokedAt), eq(allowlistEntries.revokedBy, actor.id))!,
      set: { revokedAt: null, revokedBy: null },
      returning: { id: allowlistEntries.id },
    });
    if (!restored) throw invalid('This removal was already undone.');
    audit({
      actorId: actor.id,
      action: 'allowlist.revoke_undone',
      targetType: 'item',
      targetId: row.itemId,
      projectId: row.projectId,
      outcome: 'allowed',
      details: { allowlistEntryId: input.entryId, granteeId: row.userId, revokedAt: row.revokedAt },
      meta,
    });
    const label = itemReference(row.category as ItemCategory, row.ref);
    await notify(tx, { kind: 'access.granted', userIds: [row.userId], projectId: row.projectId }, (r) => ({
      title: `High-risk access restored: ${label} in ${r.projectLabel}`,
      body: `Your removal from the allowlist of ${label} in ${r.projectLabel} was undone: your access is as it was.`,
    }));
    return { projectId: row.projectId };
  });
}
