import 'server-only';
import { and, eq, inArray, isNull } from 'drizzle-orm';
import { allowlistEntries, items, users } from '@/db/schema';
import { can, isAgency, type Actor, type Classification } from '@/lib/authz';
import { invalid, notFoundError } from '@/lib/errors';
import type { RequestMeta } from './audit';
import { contentColumns, mustSeal } from '@/lib/crypto/item-content';
import { loadedContent, loadForWrite } from './items-write';
import { refuse, withActor } from './transaction';

/**
 * Changes an item's classification and counterparty sharing (the lead's). Raising an item to high-risk
 * seals its content and removes the plaintext in the same update; lowering it (never for credentials)
 * stores it in plaintext again.
 */
export async function classifyItem(
  actor: Actor,
  input: { itemId: string; classification: Classification; sharedWithCounterparty: boolean },
  meta: RequestMeta,
  now = new Date(),
): Promise<void> {
  await withActor(actor, async ({ tx, audit }) => {
    const loaded = await loadForWrite(tx, audit, actor, input.itemId, 'item.classify', meta, now);
    if (!loaded) return refuse(notFoundError());
    const { project, item, row } = loaded;
    const decision = can(actor, 'item.classify', { type: 'item', project, item }, now);
    if (!decision.allowed) {
      audit({ actorId: actor.id, action: 'item.classify', targetType: 'item', targetId: item.id, projectId: project.id, outcome: 'denied', reason: decision.reason, meta });
      return refuse(invalid('Only the project lead can change classification or sharing.'));
    }
    if (item.category === 'credentials' && input.classification !== 'high_risk') {
      throw invalid('Credentials are always high-risk.', { classification: ['Credentials are always high-risk.'] });
    }
    if (input.classification === 'high_risk' && input.sharedWithCounterparty) {
      throw invalid('High-risk items are never shared with the counterparty.', {
        sharedWithCounterparty: ['Not available for high-risk items.'],
      });
    }
    if (input.classification === 'high_risk' && item.classification !== 'high_risk') {
      // Raising an item to high-risk keeps the lead who did it, and an agency author, able to read it.
      const keep = [actor.id, row.author_id];
      const authors = await tx.select({ id: users.id, role: users.role }).from(users).where(inArray(users.id, keep));
      const already = await tx
        .select({ userId: allowlistEntries.userId })
        .from(allowlistEntries)
        .where(and(eq(allowlistEntries.itemId, item.id), isNull(allowlistEntries.revokedAt)));
      const have = new Set(already.map((a) => a.userId));
      const add = authors.filter((u) => isAgency(u.role) && !have.has(u.id));
      if (add.length > 0) {
        await tx.insert(allowlistEntries).values(
          add.map((u) => ({ userId: u.id, itemId: item.id, reason: 'Kept on when raised to high-risk', grantedBy: actor.id })),
        );
      }
    }
    // Move the content between plaintext and sealed when the classification asks for the other form.
    const wasSealed = row.sealed !== null;
    const sealNow = mustSeal(item.category, input.classification);
    const content = wasSealed !== sealNow ? contentColumns(item.id, loadedContent(row), sealNow) : {};
    await tx
      .update(items)
      .set({ classification: input.classification, sharedWithCounterparty: input.sharedWithCounterparty, ...content, updatedAt: now })
      .where(eq(items.id, item.id));
    audit({
      actorId: actor.id,
      action: 'item.classify',
      targetType: 'item',
      targetId: item.id,
      projectId: project.id,
      outcome: 'allowed',
      details: { classification: input.classification, sharedWithCounterparty: input.sharedWithCounterparty, sealed: sealNow },
      meta,
    });
  });
}
