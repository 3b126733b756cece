import 'server-only';
import { and, eq, isNull } from 'drizzle-orm';
import { legalHolds } from '@/db/schema';
import type { Actor } from '@/lib/authz';
import { notFoundError } from '@/lib/errors';
import { assertAllowed } from '../guard';
import type { RequestMeta } from '../audit';
import { withActor } from '../transaction';

export async function releaseLegalHold(
  actor: Actor,
  input: { holdId: string },
  meta: RequestMeta,
  now = new Date(),
): Promise<void> {
  assertAllowed(actor, 'retention.manage');
  await withActor(actor, async ({ tx, audit }) => {
    const [hold] = await tx
      .update(legalHolds)
      .set({ releasedAt: now, releasedBy: actor.id })
      .where(and(eq(legalHolds.id, input.holdId), isNull(legalHolds.releasedAt)))
      .returning({ id: legalHolds.id });
    if (!hold) throw notFoundError();
    audit({
      actorId: actor.id,
      action: 'retention.hold_released',
      targetType: 'legal_hold',
      targetId: hold.id,
      outcome: 'allowed',
      meta,
    });
  });
}
