import 'server-only';
import { and, eq, isNotNull } from 'drizzle-orm';
import { allowlistEntries, itemDirectory } from '@/db/schema';
import type { Actor } from '@/lib/authz';
import { checkUndoRevocation } from '@/lib/authz/policy';
import { invalid, notFoundError } from '@/lib/errors';
import { itemReference } from '@/lib/labels';
import type { RequestMeta } from '../audit';
import { assertAllowed } from '../guard';
import { undoRefusal } from '../memberships/undo-refusal';
import { notify } from '../notifications/notify';
import { withActor } from '../transaction';
import { transition } from '../transition';

/** Undoing an allowlist removal within the minute: the entry is in force again exactly as it was, audited as an undo. */
export async function undoAllowlistRevocation(
  actor: Actor,
  input: { entryId: string },
  meta: RequestMeta,
  now = new Date(),
) {
  assertAllowed(actor, 'allowlist.grant');
  return withActor(
    actor,
    async ({ tx, audit, enforce }) => {
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
      enforce(
        checkUndoRevocation(actor, row, now),
        {
          action: 'allowlist.revoke_undone',
          targetType: 'item',
          targetId: row.itemId,
          projectId: row.projectId,
          details: { allowlistEntryId: input.entryId, granteeId: row.userId },
          recordAllowed: false,
        },
        undoRefusal('This removal cannot be undone.'),
      );
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
      const label = itemReference(row.category, row.ref);
      await notify(
        tx,
        { kind: 'access.granted', userIds: [row.userId], projectId: row.projectId, subject: input.entryId },
        (r) => ({
          title: `High-risk access restored: ${label} in ${r.projectLabel}`,
          body: `Your removal from the allowlist of ${label} in ${r.projectLabel} was undone: your access is as it was.`,
        }),
      );
      return { projectId: row.projectId };
    },
    { meta, now },
  );
}
