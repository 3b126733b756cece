import 'server-only';
import { eq } from 'drizzle-orm';
import { privacyRequests } from '@/db/schema';
import type { Actor } from '@/lib/authz';
import { invalid } from '@/lib/errors';
import { assertAllowed } from '../guard';
import type { RequestMeta } from '../audit';
import { withActor } from '../transaction';
import { lockOpenRequest } from './open-request';

/** Starts work on a verified request. */
export async function startPrivacyRequest(
  actor: Actor,
  input: { requestId: string },
  meta: RequestMeta,
  now = new Date(),
): Promise<void> {
  assertAllowed(actor, 'privacy.manage');
  await withActor(actor, async ({ tx, audit }) => {
    const row = await lockOpenRequest(tx, input.requestId);
    if (row.status !== 'received')
      throw invalid(
        row.status === 'verifying' ? 'This request is not verified yet.' : 'This request is already in progress.',
      );
    await tx
      .update(privacyRequests)
      .set({ status: 'in_progress', updatedAt: now })
      .where(eq(privacyRequests.id, row.id));
    audit({
      actorId: actor.id,
      action: 'privacy.request_started',
      targetType: 'privacy_request',
      targetId: row.id,
      outcome: 'allowed',
      meta,
    });
  });
}
