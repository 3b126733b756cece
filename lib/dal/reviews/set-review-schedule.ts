import 'server-only';
import { eq } from 'drizzle-orm';
import { clientAccounts, reviewSchedules } from '@/db/schema';
import { can, type Actor } from '@/lib/authz';
import { notFoundError } from '@/lib/errors';
import type { RequestMeta } from '../audit';
import { withActor } from '../transaction';
import { DEFAULT_REVIEW_INTERVAL_DAYS } from './run-access-reviews';

/**
 * A client asks for their projects' access to be reviewed more often (issue 15 point 7): 7 to 90 days. It is
 * the client's own setting (client.manage_permissions), audited; the next review falls due on the new interval.
 */
export async function setReviewSchedule(
  actor: Actor,
  input: { clientAccountId: string; days: number },
  meta: RequestMeta,
  now = new Date(),
): Promise<void> {
  await withActor(
    actor,
    async ({ tx, audit }) => {
      const [account] = await tx
        .select({ id: clientAccounts.id, zeroPublicAssociation: clientAccounts.zeroPublicAssociation })
        .from(clientAccounts)
        .where(eq(clientAccounts.id, input.clientAccountId));
      if (
        !account ||
        !can(actor, 'client.manage_permissions', { type: 'client_account', client: account }, now).allowed
      )
        throw notFoundError();
      const [before] = await tx
        .select({ days: reviewSchedules.intervalDays })
        .from(reviewSchedules)
        .where(eq(reviewSchedules.clientAccountId, account.id));
      await tx
        .insert(reviewSchedules)
        .values({ clientAccountId: account.id, intervalDays: input.days, updatedBy: actor.id, updatedAt: now })
        .onConflictDoUpdate({
          target: reviewSchedules.clientAccountId,
          set: { intervalDays: input.days, updatedBy: actor.id, updatedAt: now },
        });
      audit({
        actorId: actor.id,
        action: 'review.schedule',
        targetType: 'client_account',
        targetId: account.id,
        outcome: 'allowed',
        details: { from: before?.days ?? DEFAULT_REVIEW_INTERVAL_DAYS, to: input.days },
        meta,
      });
    },
    { meta, now },
  );
}
