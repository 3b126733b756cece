import 'server-only';
import { randomUUID } from 'node:crypto';
import { authorizations } from '@/db/schema';
import { can, type Actor } from '@/lib/authz';
import { sha256Hex } from '@/lib/crypto/tokens';
import { invalid, notFoundError } from '@/lib/errors';
import type { RequestMeta } from '../audit';
import { withActor } from '../transaction';
import { loadRequest, signerName } from './load-authorization-request';
import { tellAgency } from './tell-agency-of-decision';

/** The client refuses a request; the refusal is a record too, with the text refused and the reason. */
export async function refuseAuthorization(
  actor: Actor,
  input: { requestId: string; reason: string },
  meta: RequestMeta,
  now = new Date(),
) {
  return withActor(
    actor,
    async ({ tx, audit }) => {
      const loaded = await loadRequest(tx, actor, input.requestId, now);
      if (
        !loaded ||
        !can(actor, 'client.manage_permissions', { type: 'client_account', client: loaded.client }, now).allowed
      )
        throw notFoundError();
      const { request, project, client } = loaded;
      if (!loaded.open) throw invalid('This request has already been answered.');
      const id = randomUUID();
      await tx.insert(authorizations).values({
        id,
        requestId: request.id,
        clientAccountId: client.id,
        projectId: project.id,
        kind: request.kind,
        outcome: 'refused',
        signedText: request.text,
        signedTextSha256: sha256Hex(request.text),
        signerUserId: actor.id,
        signerName: await signerName(tx, actor),
        signedAt: now,
        ip: meta.ip,
        userAgent: meta.userAgent?.slice(0, 512) ?? null,
        reason: input.reason,
      });
      audit({
        actorId: actor.id,
        action: 'authorization.refuse',
        targetType: 'authorization',
        targetId: id,
        projectId: project.id,
        outcome: 'allowed',
        details: { kind: request.kind, requestId: request.id },
        meta,
      });
      await tellAgency(tx, project.id, request.id, request.kind, 'refused', request.id);
      return { id };
    },
    { meta, now },
  );
}
