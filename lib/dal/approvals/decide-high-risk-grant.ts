import 'server-only';
import { and, eq, isNull } from 'drizzle-orm';
import { allowlistEntries, itemDirectory } from '@/db/schema';
import { can, type Actor } from '@/lib/authz';
import { invalid, notFoundError } from '@/lib/errors';
import { itemReference } from '@/lib/labels';
import type { RequestMeta } from '../audit';
import { loadProjectFacts } from '../facts';
import { notify } from '../notifications/notify';
import { withActor } from '../transaction';
import { alreadyDecided, transition } from '../transition';

export type DecideGrantInput = { entryId: string; decision: 'approve' | 'refuse'; reason?: string | undefined };

/**
 * A member of the owning client approves a pending high-risk grant (it gives access from the next request)
 * or refuses it with a reason (it never gives access). Both are audited; the grantee and the granter are told.
 */
export async function decideHighRiskGrant(actor: Actor, input: DecideGrantInput, meta: RequestMeta, now = new Date()) {
  if (input.decision === 'refuse' && !input.reason?.trim()) {
    throw invalid('Say why you refuse this access.', { reason: ['Give a reason.'] });
  }
  return withActor(actor, async ({ tx, audit }) => {
    const [entry] = await tx
      .select({
        id: allowlistEntries.id,
        status: allowlistEntries.status,
        revokedAt: allowlistEntries.revokedAt,
        userId: allowlistEntries.userId,
        grantedBy: allowlistEntries.grantedBy,
        itemId: itemDirectory.id,
        category: itemDirectory.category,
        ref: itemDirectory.ref,
        projectId: itemDirectory.projectId,
      })
      .from(allowlistEntries)
      .innerJoin(itemDirectory, eq(itemDirectory.id, allowlistEntries.itemId))
      .where(eq(allowlistEntries.id, input.entryId));
    if (!entry) throw notFoundError();
    const project = await loadProjectFacts(tx, actor, entry.projectId);
    if (!project || !can(actor, 'highrisk.approve', { type: 'project', project }, now).allowed) throw notFoundError();
    if (entry.status !== 'pending' || entry.revokedAt) throw alreadyDecided();

    const approved = input.decision === 'approve';
    // Two clients deciding at once: exactly one moves it out of pending; the other audits and tells nobody.
    const moved = await transition(tx, {
      table: allowlistEntries,
      row: eq(allowlistEntries.id, entry.id),
      from: and(eq(allowlistEntries.status, 'pending'), isNull(allowlistEntries.revokedAt))!,
      set: {
        status: approved ? 'active' : 'refused',
        decidedBy: actor.id,
        decidedAt: now,
        decisionReason: input.reason?.trim() || null,
      },
      returning: { id: allowlistEntries.id },
    });
    if (!moved) throw alreadyDecided();
    audit({
      actorId: actor.id,
      action: approved ? 'allowlist.approve' : 'allowlist.refuse',
      targetType: 'item',
      targetId: entry.itemId,
      projectId: entry.projectId,
      outcome: 'allowed',
      reason: input.reason?.trim() || null,
      details: { allowlistEntryId: entry.id, granteeId: entry.userId },
      meta,
    });
    const item = itemReference(entry.category, entry.ref);
    await notify(
      tx,
      {
        kind: approved ? 'highrisk.approved' : 'highrisk.refused',
        userIds: [entry.userId, ...(entry.grantedBy ? [entry.grantedBy] : [])],
        projectId: entry.projectId,
        subject: entry.id,
      },
      (r) => ({
        title: `High-risk access ${approved ? 'approved' : 'refused'}: ${item} in ${r.projectLabel}`,
        body: approved
          ? `The client approved the high-risk access to ${item} in ${r.projectLabel}${r.id === entry.userId ? ': you can open it now.' : '.'}`
          : `The client refused the high-risk access to ${item} in ${r.projectLabel}. Their reason: ${input.reason?.trim()}`,
        href:
          r.id === entry.userId
            ? approved
              ? `/items/${entry.itemId}`
              : '/requests'
            : `/admin/projects/${entry.projectId}`,
      }),
    );
  });
}
