import 'server-only';
import type { Actor } from '@/lib/authz';
import type { RequestMeta } from '../audit';
import { notify } from '../notifications/notify';
import { withActor } from '../transaction';
import { answerRequest, openRequest } from './answer-nda-request';
import { insertPortalSignature } from './insert-portal-signature';

export type SignNdaInput = { requestId: string; fullName: string; textSha256: string };

/** The person signs an NDA sent to them: the exact text they read, their typed name and consent (the form checks it). */
export async function signNda(actor: Actor, input: SignNdaInput, meta: RequestMeta, now = new Date()) {
  return withActor(
    actor,
    async ({ tx, audit }) => {
      const request = await openRequest(tx, actor, input.requestId);
      const signing = {
        ndaVersionId: request.ndaVersionId,
        clientAccountId: request.clientAccountId,
        expiresAt: request.expiresAt,
        requestId: request.id,
        fullName: input.fullName,
        textSha256: input.textSha256,
      };
      const { id } = await insertPortalSignature({ tx, actor, audit, meta, now }, signing);
      const { sentBy } = await answerRequest(tx, request.id, 'signed', now);
      await notify(
        tx,
        { kind: 'nda.signed', userIds: [sentBy], projectId: null, subject: request.id },
        (_r, mention) => ({
          title: 'An NDA you sent was signed',
          body: `${mention(actor.id)} signed the NDA you sent in the portal.`,
          href: '/admin/ndas',
        }),
      );
      return { id };
    },
    { meta, now },
  );
}
