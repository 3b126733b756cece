import 'server-only';
import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import {
  allowlistEntries,
  clientAccountMembers,
  handoverChangeRequests,
  items,
  projectDirectory,
  users,
} from '@/db/schema';
import { isAgency, type Actor, type ItemCategory } from '@/lib/authz';
import { decideClassify, type ClassifyChange } from '@/lib/authz/handover';
import { invalid, notFoundError } from '@/lib/errors';
import { itemReference } from '@/lib/labels';
import type { RequestMeta } from './audit';
import { contentColumns, mustSeal } from '@/lib/crypto/item-content';
import { notify } from './notifications/notify';
import { loadedContent, loadForWrite } from './items-write';
import { refuse, withActor } from './transaction';
import { owningClientAudience } from './notifications/audience';

type Loaded = NonNullable<Awaited<ReturnType<typeof loadForWrite>>>;

/** Whether a member of the project's owning client wrote the item: a hand-over, which the client decides about. */
export async function isHandover(tx: Tx, projectId: string, authorId: string): Promise<boolean> {
  const [row] = await tx
    .select({ userId: clientAccountMembers.userId })
    .from(clientAccountMembers)
    .innerJoin(projectDirectory, eq(projectDirectory.clientAccountId, clientAccountMembers.clientAccountId))
    .where(and(eq(projectDirectory.id, projectId), eq(clientAccountMembers.userId, authorId)))
    .limit(1);
  return row !== undefined;
}

/**
 * Changes an item's classification and counterparty sharing (the lead's). Raising an item to high-risk
 * seals its content and removes the plaintext in the same update; lowering it (never for credentials)
 * stores it in plaintext again. Lowering a client's hand-over from high-risk, or sharing it with the
 * counterparty, only asks: the change waits for the client's approval (client/handover-changes.ts).
 */
export async function classifyItem(
  actor: Actor,
  input: { itemId: string } & ClassifyChange,
  meta: RequestMeta,
  now = new Date(),
): Promise<{ status: 'applied' | 'pending' }> {
  return withActor(actor, async ({ tx, audit }) => {
    const loaded = await loadForWrite(tx, audit, actor, input.itemId, 'item.classify', meta, now);
    if (!loaded) return refuse(notFoundError());
    const { project, item } = loaded;
    const handedOver = await isHandover(tx, project.id, item.authorId);
    const decision = decideClassify(actor, project, { ...item, handedOver }, input, now);
    if (!decision.allowed) {
      audit({
        actorId: actor.id,
        action: 'item.classify',
        targetType: 'item',
        targetId: item.id,
        projectId: project.id,
        outcome: 'denied',
        reason: decision.reason,
        meta,
      });
      return refuse(invalid('Only the project lead can change classification or sharing.'));
    }
    assertValidChange(item.category, input);
    const changed =
      item.classification !== input.classification || item.sharedWithCounterparty !== input.sharedWithCounterparty;
    if (decision.needsClientApproval) {
      await requestHandoverChange(tx, actor, loaded, input, now);
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
    const sealed = await applyClassification(tx, actor, loaded, input, now);
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
    if (changed) await tellOwningClient(tx, actor, loaded, input);
    return { status: 'applied' as const };
  });
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
async function requestHandoverChange(tx: Tx, actor: Actor, loaded: Loaded, to: ClassifyChange, now: Date) {
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
  await notify(tx, { kind: 'handover.pending', userIds: members, projectId: project.id }, (r) => ({
    title: `Your approval is needed: a change to ${label} in ${r.projectLabel}`,
    body: `The project lead asked for a change to ${label}, an item you handed over in ${r.projectLabel}: ${describeChange(item, to)}. Nothing changes until you approve it; you may refuse it with a reason.`,
    href: '/client',
  }));
}

/**
 * Writes a classification change (the caller has decided it may happen). Raising to high-risk keeps the
 * acting lead and an agency author on the allowlist. Returns whether the content is now sealed.
 */
export async function applyClassification(
  tx: Tx,
  actor: Actor,
  loaded: Loaded,
  to: ClassifyChange,
  now: Date,
): Promise<boolean> {
  const { item, row } = loaded;
  if (to.classification === 'high_risk' && item.classification !== 'high_risk') {
    const keep = [actor.id, row.author_id];
    const authors = await tx.select({ id: users.id, role: users.role }).from(users).where(inArray(users.id, keep));
    const already = await tx
      .select({ userId: allowlistEntries.userId })
      .from(allowlistEntries)
      .where(and(eq(allowlistEntries.itemId, item.id), isNull(allowlistEntries.revokedAt)));
    const have = new Set(already.map((a) => a.userId));
    const add = authors.filter((u) => isAgency(u.role) && !have.has(u.id));
    if (add.length > 0) {
      await tx
        .insert(allowlistEntries)
        .values(
          add.map((u) => ({
            userId: u.id,
            itemId: item.id,
            reason: 'Kept on when raised to high-risk',
            grantedBy: actor.id,
          })),
        );
    }
  }
  // Move the content between plaintext and sealed when the classification asks for the other form.
  const wasSealed = row.sealed !== null;
  const sealNow = mustSeal(item.category, to.classification);
  const content = wasSealed !== sealNow ? contentColumns(item.id, loadedContent(row), sealNow) : {};
  await tx
    .update(items)
    .set({
      classification: to.classification,
      sharedWithCounterparty: to.sharedWithCounterparty,
      ...content,
      updatedAt: now,
    })
    .where(eq(items.id, item.id));
  return sealNow;
}

/** The owning client hears of every classification or sharing change on their project's items (SPEC §14). */
export async function tellOwningClient(tx: Tx, actor: Actor, loaded: Loaded, to: ClassifyChange) {
  const { project, item } = loaded;
  const label = itemReference(item.category, loaded.row.ref);
  const members = await owningClientAudience(tx, project.id);
  await notify(tx, { kind: 'item.classified', userIds: members, projectId: project.id, except: actor.id }, (r) => ({
    title: `${label} in ${r.projectLabel} is now ${to.classification === 'high_risk' ? 'high-risk' : 'confidential'}${to.sharedWithCounterparty ? ', shared with the counterparty' : ''}`,
    body: `${label} in ${r.projectLabel} changed: ${describeChange(item, to)}.`,
    href: '/client',
  }));
}

/** "lower to confidential and share with the counterparty", in words a client reads. */
export function describeChange(from: ClassifyChange, to: ClassifyChange): string {
  const parts: string[] = [];
  if (from.classification !== to.classification)
    parts.push(to.classification === 'high_risk' ? 'raise to high-risk' : 'lower from high-risk to confidential');
  if (from.sharedWithCounterparty !== to.sharedWithCounterparty)
    parts.push(to.sharedWithCounterparty ? 'share with the counterparty' : 'stop sharing with the counterparty');
  return parts.join(' and ') || 'keep as it is';
}
