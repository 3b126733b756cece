import 'server-only';
import type { Actor } from '@/lib/authz';
import type { RequestMeta } from '../audit';
import { notify } from '../notifications/notify';
import { withActor } from '../transaction';
import { answerRequest, openRequest } from './answer-nda-request';

/** The person refuses an NDA sent to them, with a reason; the sender is told. */
export async function refuseNda(
  actor: Actor,
  input: { requestId: string; reason: string },
  meta: RequestMeta,
  now = new Date(),
) {
  await withActor(
    actor,
    async ({ tx, audit }) => {
      const request = await openRequest(tx, actor, input.requestId);
      const { sentBy } = await answerRequest(tx, request.id, 'refused', now, input.reason);
      audit({
        actorId: actor.id,
        action: 'nda.refuse',
        targetType: 'nda_request',
        targetId: request.id,
        outcome: 'allowed',
        reason: input.reason,
        meta,
      });
      await notify(
        tx,
        { kind: 'nda.refused', userIds: [sentBy], projectId: null, subject: request.id },
        (_r, mention) => ({
          title: 'An NDA you sent was refused',
          body: `${mention(actor.id)} refused the NDA you sent. Reason given: ${input.reason}`,
          href: '/admin/ndas',
        }),
      );
    },
    { meta, now },
  );
}
