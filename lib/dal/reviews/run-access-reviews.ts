import 'server-only';
import { and, isNull, lte, sql } from 'drizzle-orm';
import { rowsOf } from '@/db/client';
import { accessReviews } from '@/db/schema';
import type { Actor } from '@/lib/authz';
import { formatDate } from '@/lib/labels';
import { activeAdminIds, claimReminder, reminderWindow, REMINDER_DAYS } from '../jobs/expiry-reminders';
import { notify } from '../notifications/notify';
import { withActor } from '../transaction';
import { endAccessReviewTx } from './end-access-review';
import { openAccessReviewTx } from './open-access-review';
import { reviewersOf } from './reviewers';

/** The agency's review interval (issue 15 point 7); a client may ask for a shorter one (review_schedules). */
export const DEFAULT_REVIEW_INTERVAL_DAYS = 90;
const DAY = 86_400_000;

/**
 * The scheduled work of access reviews, as an admin (lib/jobs): end the reviews whose window has passed (what
 * nobody confirmed expires), remind the reviewers 7 days and 1 day before a window ends (once each), and open a
 * review for every active project whose last review — or start — is an interval ago. Each project in its own
 * transaction, so one failure does not hold back the others.
 */
export async function runAccessReviews(
  actor: Actor,
  now = new Date(),
): Promise<{ ended: number; expired: number; reminders: number; opened: number }> {
  const counts = { ended: 0, expired: 0, reminders: 0, opened: 0 };

  const overdue = await withActor(actor, ({ tx }) =>
    tx
      .select({ projectId: accessReviews.projectId })
      .from(accessReviews)
      .where(and(isNull(accessReviews.closedAt), lte(accessReviews.dueAt, now))),
  );
  for (const { projectId } of overdue) {
    const { expired } = await withActor(actor, (work) => endAccessReviewTx(work, { projectId, via: 'schedule' }), {
      now,
    });
    counts.ended += 1;
    counts.expired += expired;
  }

  counts.reminders = await withActor(actor, async ({ tx }) => {
    const horizon = new Date(now.getTime() + Math.max(...REMINDER_DAYS) * DAY);
    const open = await tx
      .select({ id: accessReviews.id, projectId: accessReviews.projectId, dueAt: accessReviews.dueAt })
      .from(accessReviews)
      .where(and(isNull(accessReviews.closedAt), lte(accessReviews.dueAt, horizon)));
    const admins = await activeAdminIds(tx);
    let sent = 0;
    for (const review of open) {
      const window = reminderWindow(review.dueAt, now);
      if (window === null || !(await claimReminder(tx, 'review', review.id, review.dueAt, window))) continue;
      await notify(
        tx,
        {
          kind: 'review.reminder',
          userIds: await reviewersOf(tx, review.projectId, admins, now),
          projectId: review.projectId,
          subject: review.id,
        },
        (r) => ({
          title: `Access review of ${r.projectLabel} closes on ${formatDate(review.dueAt)}`,
          body: `Grants on ${r.projectLabel} that nobody confirms by ${formatDate(review.dueAt)} (UTC) expire then.`,
          href: `/projects/${review.projectId}/review`,
        }),
      );
      sent += 1;
    }
    return sent;
  });

  // Due: no open review, and the last one closed (or access was first granted) an interval ago. The admin reads
  // projects through the directory (codenames and ids, no client names).
  const due = await withActor(actor, async ({ tx }) =>
    rowsOf<{ id: string }>(
      await tx.execute(sql`
        select p.id from project_directory p
        left join review_schedules s on s.client_account_id = p.client_account_id
        where p.status = 'active'
          and not exists (select 1 from access_reviews r where r.project_id = p.id and r.closed_at is null)
          and coalesce((select max(r.closed_at) from access_reviews r where r.project_id = p.id),
                       (select min(m.granted_at) from memberships m where m.project_id = p.id))
              <= ${now.toISOString()}::timestamptz - make_interval(days => coalesce(s.interval_days, ${DEFAULT_REVIEW_INTERVAL_DAYS}))
        order by p.id`),
    ),
  );
  for (const { id } of due) {
    await withActor(actor, (work) => openAccessReviewTx(work, { projectId: id, via: 'schedule' }), { now });
    counts.opened += 1;
  }
  return counts;
}

/** When a project's next review is due (for the client's "who can see it" and the admin's list). */
export function nextReviewDue(lastClosedOrStart: Date, intervalDays: number | null): Date {
  return new Date(lastClosedOrStart.getTime() + (intervalDays ?? DEFAULT_REVIEW_INTERVAL_DAYS) * DAY);
}
