import 'server-only';
import { and, eq, ne } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { authorizationRequests, authorizations, users } from '@/db/schema';
import { can, type Actor } from '@/lib/authz';
import { loadProjectFacts } from '../facts';
import { loadPublicUseClient } from './load-client';

export async function signerName(tx: Tx, actor: Actor): Promise<string> {
  const [row] = await tx.select({ name: users.name }).from(users).where(eq(users.id, actor.id));
  return row?.name ?? '';
}

/** A request the actor's client account may answer, with whether it is still open. */
export async function loadRequest(tx: Tx, actor: Actor, requestId: string, now: Date) {
  const [request] = await tx.select().from(authorizationRequests).where(eq(authorizationRequests.id, requestId));
  if (!request?.projectId) return null;
  const project = await loadProjectFacts(tx, actor, request.projectId);
  const client =
    project && project.clientAccountId === request.clientAccountId ? await loadPublicUseClient(tx, project) : null;
  if (!project || !client) return null;
  if (!can(actor, 'authorization.view_record', { type: 'public_use', project, client }, now).allowed) return null;
  const [answer] = await tx
    .select({ id: authorizations.id })
    .from(authorizations)
    .where(and(eq(authorizations.requestId, requestId), ne(authorizations.outcome, 'revoked')));
  return { request, project, client, open: !answer };
}
