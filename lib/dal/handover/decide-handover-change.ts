import 'server-only';
import { eq } from 'drizzle-orm';
import { handoverChangeRequests } from '@/db/schema';
import { can, type Actor } from '@/lib/authz';
import { invalid, notFoundError } from '@/lib/errors';
import { itemReference } from '@/lib/labels';
import type { RequestMeta } from '../audit';
import { loadProjectFacts } from '../facts';
import { applyClassification } from '../items/apply-classification';
import { tellClientOfClassification } from '../items/tell-classification';
import { loadForWrite } from '../items/load-item-for-write';
import { notify } from '../notifications/notify';
import { withActor } from '../transaction';
import { alreadyDecided, transition } from '../transition';

export type DecideHandoverChangeInput = {
  requestId: string;
  decision: 'approve' | 'refuse';
  reason?: string | undefined;
};

/**
 * A member of the owning client approves a change to their hand-over (it is applied in the same
 * transaction) or refuses it with a reason (the item stays as it is). Audited; the lead who asked is told.
 */
export async function decideHandoverChange(
  actor: Actor,
  input: DecideHandoverChangeInput,
  meta: RequestMeta,
  now = new Date(),
) {
  const reason = input.reason?.trim() || null;
  if (input.decision === 'refuse' && !reason)
    throw invalid('Say why you refuse this change.', { reason: ['Give a reason.'] });
  return withActor(
    actor,
    async (work) => {
      const { tx, audit } = work;
      const [request] = await tx
        .select()
        .from(handoverChangeRequests)
        .where(eq(handoverChangeRequests.id, input.requestId));
      if (!request) throw notFoundError();
      const project = await loadProjectFacts(tx, actor, request.projectId);
      if (!project || !can(actor, 'highrisk.approve', { type: 'project', project }, now).allowed) throw notFoundError();
      if (request.status !== 'pending') throw alreadyDecided();
      const approved = input.decision === 'approve';
      const moved = await transition(tx, {
        table: handoverChangeRequests,
        row: eq(handoverChangeRequests.id, request.id),
        from: eq(handoverChangeRequests.status, 'pending'),
        set: { status: approved ? 'approved' : 'refused', decidedBy: actor.id, decidedAt: now, decisionReason: reason },
        returning: { id: handoverChangeRequests.id },
      });
      if (!moved) throw alreadyDecided();
      const to = { classification: request.classification, sharedWithCounterparty: request.sharedWithCounterparty };
      const loaded = await loadForWrite(work, request.itemId, 'handover_change.decide');
      if (approved) {
        // The trigger on items lets this through only because the approved request exists and is not yet applied.
        await applyClassification(work, loaded, to);
        await tx
          .update(handoverChangeRequests)
          .set({ appliedAt: now, decidedBy: actor.id })
          .where(eq(handoverChangeRequests.id, request.id));
      }
      audit({
        actorId: actor.id,
        action: approved ? 'handover_change.approve' : 'handover_change.refuse',
        targetType: 'item',
        targetId: request.itemId,
        projectId: request.projectId,
        outcome: 'allowed',
        reason,
        details: {
          handoverChangeId: request.id,
          classification: to.classification,
          sharedWithCounterparty: to.sharedWithCounterparty,
        },
        meta,
      });
      const label = itemReference(loaded.item.category, loaded.row.ref);
      await notify(
        tx,
        {
          kind: approved ? 'handover.approved' : 'handover.refused',
          userIds: [request.requestedBy],
          projectId: request.projectId,
          subject: request.id,
        },
        (r) => ({
          title: `Change ${approved ? 'approved' : 'refused'} by the client: ${label} in ${r.projectLabel}`,
          body: approved
            ? `The client approved your change to ${label} in ${r.projectLabel}; it is applied.`
            : `The client refused your change to ${label} in ${r.projectLabel}; the item stays as it was. Their reason: ${reason}`,
          href: `/items/${request.itemId}`,
        }),
      );
      if (approved) await tellClientOfClassification(work, loaded, to);
    },
    { meta, now },
  );
}
