import 'server-only';
import { eq } from 'drizzle-orm';
import { privacyRequests } from '@/db/schema';
import type { Actor } from '@/lib/authz';
import { refusalEmail } from '@/lib/privacy/emails';
import { assertAllowed } from '../guard';
import type { RequestMeta } from '../audit';
import { withActor } from '../transaction';
import { lockOpenRequest, notifyRequester, requestRef } from './open-request';

export async function refusePrivacyRequest(
  actor: Actor,
  input: { requestId: string; reason: string },
  meta: RequestMeta,
  now = new Date(),
): Promise<void> {
  assertAllowed(actor, 'privacy.manage');
  await withActor(actor, async ({ tx, audit }) => {
    const row = await lockOpenRequest(tx, input.requestId);
    await tx
      .update(privacyRequests)
      .set({ status: 'refused', refusalReason: input.reason, closedAt: now, updatedAt: now })
      .where(eq(privacyRequests.id, row.id));
    await notifyRequester(tx, row, refusalEmail(requestRef(row), input.reason));
    audit({
      actorId: actor.id,
      action: 'privacy.request_refused',
      targetType: 'privacy_request',
      targetId: row.id,
      outcome: 'allowed',
      meta,
    });
  });
}
