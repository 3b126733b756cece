import 'server-only';
import { and, inArray, lte } from 'drizzle-orm';
import { privacyRequests } from '@/db/schema';
import type { Actor } from '@/lib/authz';
import { addDays, isoDay } from '@/lib/privacy/clocks';
import { formatRequestRef, OPEN_STATUSES } from '@/lib/privacy/vocabulary';
import { notify } from '../notifications/notify';
import { withActor } from '../transaction';
import { activeAdminIds, claimReminder } from './expiry-reminders';

/*
 * Privacy-request deadline reminders to the administrators: an open request 7 days and 1 day before its legal
 * due date, and once more when the date has passed. Each goes out once (reminders_sent); an extension moves the
 * due date, so the new date is reminded again. The request is named by reference only.
 */

const WINDOWS = [7, 1, 0] as const;

/** The smallest window (days before the due day) today falls in; 0 once the due day has passed. */
export function deadlineWindow(dueOn: string, today: string): number | null {
  const daysLeft = Math.round((Date.parse(`${dueOn}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
  if (daysLeft < 0) return 0;
  const fitting = WINDOWS.filter((w) => w > 0 && daysLeft <= w);
  return fitting.length ? Math.min(...fitting) : null;
}

export async function sendPrivacyDeadlineReminders(actor: Actor, now = new Date()): Promise<{ reminders: number }> {
  const today = isoDay(now);
  return withActor(actor, async ({ tx, audit }) => {
    const open = await tx
      .select({ id: privacyRequests.id, ref: privacyRequests.ref, dueOn: privacyRequests.dueOn })
      .from(privacyRequests)
      .where(
        and(inArray(privacyRequests.status, [...OPEN_STATUSES]), lte(privacyRequests.dueOn, isoDay(addDays(now, 7)))),
      );
    const admins = await activeAdminIds(tx);
    let sent = 0;
    for (const request of open) {
      const window = deadlineWindow(request.dueOn, today);
      if (
        window === null ||
        !(await claimReminder(tx, 'privacy_request', request.id, new Date(`${request.dueOn}T00:00:00Z`), window))
      )
        continue;
      const ref = formatRequestRef(request.ref);
      const when = window === 0 ? `was due on ${request.dueOn} and is overdue` : `is due on ${request.dueOn}`;
      await notify(tx, { kind: 'privacy.deadline', userIds: admins, projectId: null, subject: request.id }, () => ({
        title: `Privacy request ${ref} ${window === 0 ? 'is overdue' : `is due on ${request.dueOn}`}`,
        body: `Privacy request ${ref} ${when}. Answer it, or extend it with a reason if the law allows.`,
        href: `/admin/privacy/requests/${request.id}`,
      }));
      sent += 1;
    }
    if (sent > 0)
      audit({
        actorId: actor.id,
        action: 'job.privacy_deadline_reminders',
        targetType: 'job',
        outcome: 'allowed',
        details: { via: 'schedule', reminders: sent },
      });
    return { reminders: sent };
  });
}
