import 'server-only';
import { and, eq, inArray, isNull } from 'drizzle-orm';
import { allowlistEntries, items, users } from '@/db/schema';
import { isAgency } from '@/lib/authz';
import type { ClassifyChange } from '@/lib/authz/handover';
import { contentColumns, mustSeal } from '@/lib/crypto/item-content';
import { notFoundError } from '@/lib/errors';
import type { Work } from '../transaction';
import { loadedContent, type LoadedForWrite } from './load-item-for-write';

/**
 * Writes a classification change (the caller has decided it may happen). Raising to high-risk keeps the
 * acting lead and an agency author on the allowlist. Returns whether the content is now sealed.
 */
export async function applyClassification(
  { tx, actor, now }: Work,
  loaded: LoadedForWrite,
  to: ClassifyChange,
): Promise<boolean> {
  if (!actor) throw notFoundError();
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
      await tx.insert(allowlistEntries).values(
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
