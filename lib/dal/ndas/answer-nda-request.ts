import 'server-only';
import { and, eq, isNull } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { ndaRequests } from '@/db/schema';
import type { Actor } from '@/lib/authz';
import { invalid, notFoundError } from '@/lib/errors';

/** A request sent to the actor and still waiting (anyone else's is not found). */
export async function openRequest(tx: Tx, actor: Actor, requestId: string) {
  const [request] = await tx
    .select()
    .from(ndaRequests)
    .where(and(eq(ndaRequests.id, requestId), eq(ndaRequests.userId, actor.id)));
  if (!request) throw notFoundError();
  if (request.status !== 'sent') throw invalid('This NDA has already been answered.');
  return request;
}

/** Moves a request out of `sent` once: a second answer (another tab, a double submit) is told it already moved. */
export async function answerRequest(
  tx: Tx,
  requestId: string,
  status: 'signed' | 'refused',
  now: Date,
  refusalReason: string | null = null,
) {
  const [row] = await tx
    .update(ndaRequests)
    .set({ status, decidedAt: now, refusalReason })
    .where(and(eq(ndaRequests.id, requestId), eq(ndaRequests.status, 'sent'), isNull(ndaRequests.decidedAt)))
    .returning({ sentBy: ndaRequests.sentBy });
  if (!row) throw invalid('This NDA has already been answered.');
  return row;
}
