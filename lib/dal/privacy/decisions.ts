import 'server-only';
import { eq } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { privacyRequests } from '@/db/schema';
import type { Actor } from '@/lib/authz';
import { invalid, notFoundError } from '@/lib/errors';
import { EXTENSION_REFUSALS, extendClock, isoDay, parseDay } from '@/lib/privacy/clocks';
import { extensionEmail, refusalEmail } from '@/lib/privacy/emails';
import { OPEN_STATUSES } from '@/lib/privacy/vocabulary';
import { assertAllowed } from '../guard';
import type { RequestMeta } from '../audit';
import { withActor } from '../transaction';
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

const ref = (row: RequestRow) => ({ ref: row.ref, kind: row.kind });

export async function startPrivacyRequest(
  actor: Actor,
  input: { requestId: string },
  meta: RequestMeta,
  now = new Date(),
): Promise<void> {
  assertAllowed(actor, 'privacy.manage');
  await withActor(actor, async ({ tx, audit }) => {
    const row = await lockOpenRequest(tx, input.requestId);
    if (row.status !== 'received')
      throw invalid(
        row.status === 'verifying' ? 'This request is not verified yet.' : 'This request is already in progress.',
      );
    await tx
      .update(privacyRequests)
      .set({ status: 'in_progress', updatedAt: now })
      .where(eq(privacyRequests.id, row.id));
    audit({
      actorId: actor.id,
      action: 'privacy.request_started',
      targetType: 'privacy_request',
      targetId: row.id,
      outcome: 'allowed',
      meta,
    });
  });
}

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
      await notifyRequester(tx, row, extensionEmail(ref(row), result.dueOn, input.reason));
      audit({ ...event, outcome: 'allowed', details: { from: row.dueOn, to: dueOn } });
      return { dueOn };
    },
    { meta, now },
  );
}

export async function refusePrivacyRequest(
  actor: Actor,
  input: { requestId: string; reason: string },
  meta: RequestMeta,
  now = new Date(),
): Promise<void> {
  assertAllowed(actor, 'privacy.manage');
  await withActor(actor, async ({ tx, audit }) => {
    const row = await lockOpenRequest(tx, input.requestId);
    await tx
      .update(privacyRequests)
      .set({ status: 'refused', refusalReason: input.reason, closedAt: now, updatedAt: now })
      .where(eq(privacyRequests.id, row.id));
    await notifyRequester(tx, row, refusalEmail(ref(row), input.reason));
    audit({
      actorId: actor.id,
      action: 'privacy.request_refused',
      targetType: 'privacy_request',
      targetId: row.id,
      outcome: 'allowed',
      meta,
    });
  });
}
