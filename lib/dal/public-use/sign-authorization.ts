import 'server-only';
import { randomUUID } from 'node:crypto';
import { authorizations } from '@/db/schema';
import type { Actor } from '@/lib/authz';
import { matchesSignerName } from '@/lib/public-use/texts';
import { sha256Hex } from '@/lib/crypto/tokens';
import { invalid, notFoundError } from '@/lib/errors';
import type { RequestMeta } from '../audit';
import { withActor } from '../transaction';
import { loadRequest, signerName } from './load-authorization-request';
import { tellAgency } from './tell-agency-of-decision';

export type SignInput = { requestId: string; fullName: string; textSha256: string };

/** The client signs the exact text they read, by typing their full name and consenting (the form checks consent). */
export async function signAuthorization(actor: Actor, input: SignInput, meta: RequestMeta, now = new Date()) {
  return withActor(
    actor,
    async ({ tx, audit, authorize }) => {
      const loaded = await loadRequest(tx, actor, input.requestId, now);
      if (!loaded) throw notFoundError();
      const { request, project, client } = loaded;
      authorize(
        'authorization.sign',
        { type: 'public_use', project, client },
        { targetType: 'authorization_request', targetId: request.id, projectId: project.id, recordAllowed: false },
        (reason) =>
          reason === 'zero_public_association'
            ? invalid('You have demanded zero public association: withdraw it before signing any public use.')
            : notFoundError(),
      );
      if (!loaded.open) throw invalid('This request has already been answered.');
      if (input.textSha256 !== request.textSha256)
        throw invalid('The text changed since you opened it. Read it again before signing.');
      const name = await signerName(tx, actor);
      if (!matchesSignerName(input.fullName, name))
        throw invalid('Type your full name exactly as it appears on your account.', { fullName: [`Type “${name}”.`] });
      const id = randomUUID();
      await tx.insert(authorizations).values({
        id,
        requestId: request.id,
        clientAccountId: client.id,
        projectId: project.id,
        kind: request.kind,
        outcome: 'signed',
        publicTitle: request.publicTitle,
        publicSummary: request.publicSummary,
        signedText: request.text,
        signedTextSha256: sha256Hex(request.text),
        signerUserId: actor.id,
        signerName: name,
        signedAt: now,
        ip: meta.ip,
        userAgent: meta.userAgent?.slice(0, 512) ?? null,
        expiresAt: request.expiresAt,
      });
      audit({
        actorId: actor.id,
        action: 'authorization.sign',
        targetType: 'authorization',
        targetId: id,
        projectId: project.id,
        outcome: 'allowed',
        details: { kind: request.kind, requestId: request.id },
        meta,
      });
      await tellAgency(tx, project.id, request.id, request.kind, 'signed', request.id);
      return { id };
    },
    { meta, now },
  );
}
