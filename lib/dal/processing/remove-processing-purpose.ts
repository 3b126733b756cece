import 'server-only';
import { eq } from 'drizzle-orm';
import { processingPurposes } from '@/db/schema';
import type { Actor } from '@/lib/authz';
import { notFoundError } from '@/lib/errors';
import { assertAllowed } from '../guard';
import type { RequestMeta } from '../audit';
import { withActor } from '../transaction';

export async function removeProcessingPurpose(
  actor: Actor,
  input: { purposeId: string },
  meta: RequestMeta,
): Promise<void> {
  assertAllowed(actor, 'processing.manage');
  await withActor(
    actor,
    async ({ tx, audit }) => {
      const [row] = await tx.delete(processingPurposes).where(eq(processingPurposes.id, input.purposeId)).returning();
      if (!row) throw notFoundError();
      audit({
        actorId: actor.id,
        action: 'processing.purpose_removed',
        targetType: 'processing_purpose',
        targetId: row.id,
        outcome: 'allowed',
        details: { category: row.category, purpose: row.purpose, lawfulBasis: row.lawfulBasis },
        meta,
      });
    },
    { meta },
  );
}
