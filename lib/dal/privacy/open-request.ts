import 'server-only';
import { eq } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { privacyRequests } from '@/db/schema';
import { invalid, notFoundError } from '@/lib/errors';
import { OPEN_STATUSES } from '@/lib/privacy/vocabulary';
import { queueEmail, type Email } from '@/lib/dal/outbox/queue-email';

export type RequestRow = typeof privacyRequests.$inferSelect;

/** The request under a row lock; a closed one cannot be acted on again. */
export async function lockOpenRequest(tx: Tx, requestId: string): Promise<RequestRow> {
  const [row] = await tx.select().from(privacyRequests).where(eq(privacyRequests.id, requestId)).for('update');
  if (!row) throw notFoundError();
  if (!OPEN_STATUSES.includes(row.status)) throw invalid('This request is already closed.');
  return row;
}

/** Tells the requester (and their agent, who filed it) without sending any of the person's data. */
/**
 * Tells the person, and their authorized agent if any. An email that carries the person's data (a deletion
 * receipt) goes to the agent only if the person allowed the agent to receive it; otherwise the agent gets
 * `forAgent`, which says only what happened.
 */
export async function notifyRequester(
  tx: Tx,
  row: RequestRow,
  email: Omit<Email, 'to'>,
  forAgent?: Omit<Email, 'to'>,
): Promise<void> {
  await queueEmail(tx, { to: row.subjectEmail, ...email });
  if (row.agentEmail)
    await queueEmail(tx, { to: row.agentEmail, ...(forAgent && !row.agentMayReceive ? forAgent : email) });
}

export const requestRef = (row: RequestRow) => ({ ref: row.ref, kind: row.kind });
