import 'server-only';
import { can, type Actor } from '@/lib/authz';
import type { PublicUseKind } from '@/lib/public-use/texts';
import { withActor } from '../transaction';
import { loadRequest } from './load-authorization-request';

export type RequestForDecision = {
  id: string;
  projectId: string;
  kind: PublicUseKind;
  publicTitle: string;
  publicSummary: string;
  text: string;
  textSha256: string;
  expiresAt: Date | null;
  open: boolean;
  /** Sign (not while zero public association holds) and refuse: the client's members only. */
  mayDecide: boolean;
  mayRefuse: boolean;
  blocked: boolean;
};

/** The exact text a client is asked to sign, for reading in full before signing or refusing. */
export async function getRequestForDecision(
  actor: Actor,
  requestId: string,
  now = new Date(),
): Promise<RequestForDecision | null> {
  return withActor(actor, async ({ tx }) => {
    const loaded = await loadRequest(tx, actor, requestId, now);
    if (!loaded) return null;
    const { request, project, client, open } = loaded;
    return {
      id: request.id,
      projectId: project.id,
      kind: request.kind as PublicUseKind,
      publicTitle: request.publicTitle,
      publicSummary: request.publicSummary,
      text: request.text,
      textSha256: request.textSha256,
      expiresAt: request.expiresAt,
      open,
      mayDecide: open && can(actor, 'authorization.sign', { type: 'public_use', project, client }, now).allowed,
      mayRefuse: open && can(actor, 'client.manage_permissions', { type: 'client_account', client }, now).allowed,
      blocked: client.zeroPublicAssociation,
    };
  });
}
