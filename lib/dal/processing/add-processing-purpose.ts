import 'server-only';
import { processingPurposes } from '@/db/schema';
import type { Actor } from '@/lib/authz';
import type { LawfulBasis } from '@/lib/privacy/lawful-bases';
import type { DataCategory } from '@/lib/privacy/processing-vocabulary';
import { assertAllowed } from '../guard';
import type { RequestMeta } from '../audit';
import { withActor } from '../transaction';

/** The one part of the register people write: a purpose for a data category, with its lawful basis. Audited. */
export async function addProcessingPurpose(
  actor: Actor,
  input: { category: DataCategory; purpose: string; lawfulBasis: LawfulBasis },
  meta: RequestMeta,
  now = new Date(),
): Promise<{ id: string }> {
  assertAllowed(actor, 'processing.manage');
  return withActor(
    actor,
    async ({ tx, audit }) => {
      const [row] = await tx
        .insert(processingPurposes)
        .values({ ...input, updatedBy: actor.id, updatedAt: now })
        .returning({ id: processingPurposes.id });
      audit({
        actorId: actor.id,
        action: 'processing.purpose_added',
        targetType: 'processing_purpose',
        targetId: row!.id,
        outcome: 'allowed',
        details: input,
        meta,
      });
      return { id: row!.id };
    },
    { meta, now },
  );
}
