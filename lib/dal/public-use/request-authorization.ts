import 'server-only';
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { authorizationRequests, projectDirectory } from '@/db/schema';
import type { Tx } from '@/db/client';
import { can, type Actor, type DenyReason } from '@/lib/authz';
import { authorizationRequestText, KIND_LABELS, type PublicUseKind } from '@/lib/public-use/texts';
import { sha256Hex } from '@/lib/crypto/tokens';
import { invalid, notFoundError } from '@/lib/errors';
import type { RequestMeta } from '../audit';
import { loadProjectFacts } from '../facts';
import { notify } from '../notifications/notify';
import { withActor } from '../transaction';
import { loadPublicUseClient } from './load-client';
import { owningClientAudience } from '../notifications/audience';

export const ZERO_ASSOCIATION_MESSAGE =
  'This client has demanded zero public association: no authorization can be requested for them while it holds.';

const REQUEST_REFUSALS: Partial<Record<DenyReason, string>> = {
  zero_public_association: ZERO_ASSOCIATION_MESSAGE,
  scope_missing:
    'Only the project lead or someone with the client identity scope can ask for an authorization: its text names the client.',
};

export type RequestAuthorizationInput = {
  projectId: string;
  kind: PublicUseKind;
  publicTitle: string;
  publicSummary: string;
  expiresAt?: Date | undefined;
};

/**
 * Staff ask the client for one public use (docs/product.md §5), with the exact title and summary to publish. The full
 * text the client will sign is fixed here, with its SHA-256; never for a zero-public-association client.
 */
export async function requestAuthorization(
  actor: Actor,
  input: RequestAuthorizationInput,
  meta: RequestMeta,
  now = new Date(),
) {
  return withActor(
    actor,
    async ({ tx, audit, authorize }) => {
      const project = await loadProjectFacts(tx, actor, input.projectId);
      if (!project || !can(actor, 'project.view', { type: 'project', project }, now).allowed) throw notFoundError();
      const client = await loadPublicUseClient(tx, project);
      if (!client) throw notFoundError();
      authorize(
        'authorization.request',
        { type: 'public_use', project, client },
        {
          targetType: 'project',
          targetId: project.id,
          projectId: project.id,
          details: { kind: input.kind },
          recordAllowed: false,
        },
        (reason) => {
          const message = REQUEST_REFUSALS[reason as DenyReason];
          return message ? invalid(message) : notFoundError();
        },
      );
      if (input.expiresAt && input.expiresAt <= now)
        throw invalid('The end date must be in the future.', { expiresAt: ['After today.'] });
      const projectCodename = await projectCodenameOf(tx, project.id);
      const text = authorizationRequestText({
        kind: input.kind,
        clientName: client.name,
        projectCodename,
        publicTitle: input.publicTitle,
        publicSummary: input.publicSummary,
        expiresAt: input.expiresAt ?? null,
      });
      const id = randomUUID();
      await tx.insert(authorizationRequests).values({
        id,
        clientAccountId: client.id,
        projectId: project.id,
        kind: input.kind,
        publicTitle: input.publicTitle,
        publicSummary: input.publicSummary,
        text,
        textSha256: sha256Hex(text),
        expiresAt: input.expiresAt ?? null,
        requestedBy: actor.id,
        requestedAt: now,
      });
      audit({
        actorId: actor.id,
        action: 'authorization.request',
        targetType: 'authorization_request',
        targetId: id,
        projectId: project.id,
        outcome: 'allowed',
        details: { kind: input.kind },
        meta,
      });
      await notify(
        tx,
        {
          kind: 'authorization.requested',
          userIds: await owningClientAudience(tx, project.id),
          projectId: project.id,
          subject: null,
        },
        (r, mention) => ({
          title: `Authorization requested: ${KIND_LABELS[input.kind]} for ${r.projectLabel}`,
          body: `${mention(actor.id)} asks for your written authorization (${KIND_LABELS[input.kind].toLowerCase()}) for ${r.projectLabel}. Read the exact text, then sign or refuse it.`,
          href: `/projects/${project.id}/authorizations/requests/${id}`,
        }),
      );
      return { id };
    },
    { meta, now },
  );
}

async function projectCodenameOf(tx: Tx, projectId: string): Promise<string> {
  const [row] = await tx
    .select({ codename: projectDirectory.codename })
    .from(projectDirectory)
    .where(eq(projectDirectory.id, projectId));
  return row?.codename ?? '';
}
