import 'server-only';
import { eq } from 'drizzle-orm';
import { privacyRequests } from '@/db/schema';
import type { Actor } from '@/lib/authz';
import { invalid } from '@/lib/errors';
import { EXTENSION_REFUSALS, extendClock, isoDay, parseDay } from '@/lib/privacy/clocks';
import { extensionEmail } from '@/lib/privacy/emails';
import { assertAllowed } from '../guard';
import type { RequestMeta } from '../audit';
import { withActor } from '../transaction';
import { lockOpenRequest, notifyRequester, requestRef } from './open-request';

/** Once, before the due date, with a reason the requester is told; a second or late attempt is refused (and audited). */
export async function extendPrivacyRequest(
  actor: Actor,
  input: { requestId: string; reason: string },
  meta: RequestMeta,
  now = new Date(),
): Promise<{ dueOn: string }> {
  assertAllowed(actor, 'privacy.manage');
  return withActor(
    actor,
    async ({ tx, audit, deny }) => {
      const row = await lockOpenRequest(tx, input.requestId);
      const event = {
        actorId: actor.id,
        action: 'privacy.request_extended',
        targetType: 'privacy_request',
        targetId: row.id,
        meta,
      } as const;
      const result = extendClock({
        kind: row.kind,
        jurisdiction: row.jurisdiction,
        receivedAt: row.receivedAt,
        dueOn: parseDay(row.dueOn),
        alreadyExtended: row.extendedAt !== null,
        reason: input.reason,
        now,
      });
      if (!result.ok)
        return deny(
          {
            action: 'privacy.request_extended',
            targetType: 'privacy_request',
            targetId: row.id,
            reason: result.refusal,
          },
          invalid(EXTENSION_REFUSALS[result.refusal]),
        );
      const dueOn = isoDay(result.dueOn);
      await tx
        .update(privacyRequests)
        .set({ status: 'extended', dueOn, extendedAt: now, extensionReason: input.reason, updatedAt: now })
        .where(eq(privacyRequests.id, row.id));
      await notifyRequester(tx, row, extensionEmail(requestRef(row), result.dueOn, input.reason));
      audit({ ...event, outcome: 'allowed', details: { from: row.dueOn, to: dueOn } });
      return { dueOn };
    },
    { meta, now },
  );
}
