import 'server-only';
import { eq } from 'drizzle-orm';
import { items } from '@/db/schema';
import type { Actor } from '@/lib/authz';
import type { Sealed } from '@/lib/crypto/envelope';
import { contentColumns, mustSeal } from '@/lib/crypto/item-content';
import { invalid } from '@/lib/errors';
import type { RequestMeta } from '../audit';
import { withActor } from '../transaction';
import { secretOnlyForCredentials } from './create-item';
import { loadForWrite } from './load-item-for-write';

export async function updateItem(
  actor: Actor,
  input: { itemId: string; title: string; body: string; secret?: string },
  meta: RequestMeta,
  now = new Date(),
): Promise<void> {
  await withActor(
    actor,
    async (work) => {
      const { tx, audit, authorize } = work;
      // A denial's audit event commits; the answer is the same as for an item that does not exist.
      const loaded = await loadForWrite(work, input.itemId, 'item.edit');
      authorize(
        'item.edit',
        { type: 'item', project: loaded.project, item: loaded.item },
        { targetType: 'item', targetId: input.itemId, projectId: loaded.project.id, recordAllowed: false },
        invalid('Only the author or the project lead can edit this item.'),
      );
      const { item } = loaded;
      if (input.secret && item.category !== 'credentials') throw secretOnlyForCredentials();
      const sealContent = mustSeal(item.category, item.classification);
      // A blank secret keeps the stored one (re-wrapped with the new content's key, never decrypted).
      let keep: Sealed | null = null;
      if (sealContent && !input.secret && loaded.row.has_secret) {
        const [stored] = await tx.select({ secretSealed: items.secretSealed }).from(items).where(eq(items.id, item.id));
        keep = stored?.secretSealed ?? null;
      }
      const secret = input.secret ? { set: input.secret } : { keep };
      await tx
        .update(items)
        .set({
          ...contentColumns(item.id, { title: input.title, body: input.body }, sealContent, secret),
          updatedAt: now,
        })
        .where(eq(items.id, item.id));
      audit({
        actorId: actor.id,
        action: 'item.edit',
        targetType: 'item',
        targetId: input.itemId,
        projectId: loaded.project.id,
        outcome: 'allowed',
        details: input.secret ? { secretChanged: true } : undefined,
        meta,
      });
    },
    { meta, now },
  );
}
