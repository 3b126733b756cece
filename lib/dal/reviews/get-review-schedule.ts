import 'server-only';
import { eq } from 'drizzle-orm';
import { reviewSchedules } from '@/db/schema';
import { type Actor } from '@/lib/authz';
import { withActor } from '../transaction';
import { DEFAULT_REVIEW_INTERVAL_DAYS } from './run-access-reviews';

/** A client's review interval: theirs if they asked for a shorter one, else the agency's 90 days. */
export async function getReviewSchedule(
  actor: Actor,
  clientAccountId: string,
): Promise<{ intervalDays: number; own: boolean }> {
  return withActor(actor, async ({ tx }) => {
    const [row] = await tx
      .select({ days: reviewSchedules.intervalDays })
      .from(reviewSchedules)
      .where(eq(reviewSchedules.clientAccountId, clientAccountId));
    return { intervalDays: row?.days ?? DEFAULT_REVIEW_INTERVAL_DAYS, own: Boolean(row) };
  });
}
