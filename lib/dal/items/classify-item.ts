import 'server-only';
import { and, eq } from 'drizzle-orm';
import { handoverChangeRequests } from '@/db/schema';
import type { Actor, ItemCategory } from '@/lib/authz';
import { decideClassify, type ClassifyChange } from '@/lib/authz/handover';
import { invalid } from '@/lib/errors';
import { itemReference } from '@/lib/labels';
import type { RequestMeta } from '../audit';
import { notify } from '../notifications/notify';
import { owningClientAudience } from '../notifications/audience';
import { withActor, type Work } from '../transaction';
import { applyClassification } from './apply-classification';
import { describeChange } from './describe-change';
import { isHandover } from './is-handover';
import { loadForWrite, type LoadedForWrite } from './load-item-for-write';
import { tellClientOfClassification } from './tell-classification';

/**
 * Changes an item's classification and counterparty sharing (the lead's). Raising an item to high-risk
 * seals its content and removes the plaintext in the same update; lowering it (never for credentials)
 * stores it in plaintext again. Lowering a client's hand-over from high-risk, or sharing it with the
 * counterparty, only asks: the change waits for the client's approval (lib/dal/handover/decide-handover-change.ts).
 */
export async function classifyItem(
  actor: Actor,
  input: { itemId: string } & ClassifyChange,
  meta: RequestMeta,
  now = new Date(),
): Promise<{ status: 'applied' | 'pending' }> {
  return withActor(
    actor,
    async (work) => {
      const { tx, audit, enforce } = work;
      const loaded = await loadForWrite(work, input.itemId, 'item.classify');
      const { project, item } = loaded;
      const handedOver = await isHandover(tx, project.id, item.authorId);
      const decision = decideClassify(actor, project, { ...item, handedOver }, input, now);
      enforce(
        decision,
        { action: 'item.classify', targetType: 'item', targetId: item.id, projectId: project.id, recordAllowed: false },
        invalid('Only the project lead can change classification or sharing.'),
      );
      assertValidChange(item.category, input);
      const changed =
        item.classification !== input.classification || item.sharedWithCounterparty !== input.sharedWithCounterparty;
      if (decision.allowed && decision.needsClientApproval) {
        await requestHandoverChange(work, actor, loaded, input);
        audit({
          actorId: actor.id,
          action: 'item.classify_requested',
          targetType: 'item',
          targetId: item.id,
          projectId: project.id,
          outcome: 'allowed',
          details: {
            classification: input.classification,
            sharedWithCounterparty: input.sharedWithCounterparty,
            pending: 'client approval',
          },
          meta,
        });
        return { status: 'pending' as const };
      }
      const sealed = await applyClassification(work, loaded, input);
      audit({
        actorId: actor.id,
        action: 'item.classify',
        targetType: 'item',
        targetId: item.id,
        projectId: project.id,
        outcome: 'allowed',
        details: { classification: input.classification, sharedWithCounterparty: input.sharedWithCounterparty, sealed },
        meta,
      });
      if (changed) await tellClientOfClassification(work, loaded, input);
      return { status: 'applied' as const };
    },
    { meta, now },
  );
}

function assertValidChange(category: ItemCategory, to: ClassifyChange) {
  if (category === 'credentials' && to.classification !== 'high_risk') {
    throw invalid('Credentials are always high-risk.', { classification: ['Credentials are always high-risk.'] });
  }
  if (to.classification === 'high_risk' && to.sharedWithCounterparty) {
    throw invalid('High-risk items are never shared with the counterparty.', {
      sharedWithCounterparty: ['Not available for high-risk items.'],
    });
  }
}

/** One change waiting per item: a second one would leave the client two contradicting questions. */
async function requestHandoverChange({ tx, now }: Work, actor: Actor, loaded: LoadedForWrite, to: ClassifyChange) {
  const { project, item } = loaded;
  const [waiting] = await tx
    .select({ id: handoverChangeRequests.id })
    .from(handoverChangeRequests)
    .where(and(eq(handoverChangeRequests.itemId, item.id), eq(handoverChangeRequests.status, 'pending')))
    .limit(1);
  if (waiting) throw invalid('A change to this item is already waiting for the client’s approval.');
  await tx.insert(handoverChangeRequests).values({
    itemId: item.id,
    projectId: project.id,
    requestedBy: actor.id,
    classification: to.classification,
    sharedWithCounterparty: to.sharedWithCounterparty,
    createdAt: now,
  });
  const label = itemReference(item.category, loaded.row.ref);
  const members = await owningClientAudience(tx, project.id);
  await notify(tx, { kind: 'handover.pending', userIds: members, projectId: project.id, subject: null }, (r) => ({
    title: `Your approval is needed: a change to ${label} in ${r.projectLabel}`,
    body: `The project lead asked for a change to ${label}, an item you handed over in ${r.projectLabel}: ${describeChange(item, to)}. Nothing changes until you approve it; you may refuse it with a reason.`,
    href: '/client',
  }));
}
