import 'server-only';
import { sql } from 'drizzle-orm';
import { rowsOf } from '@/db/client';
import type { Actor } from '@/lib/authz';
import { mayAdminister } from '../guard';
import { withActor } from '../transaction';
import { DEFAULT_REVIEW_INTERVAL_DAYS } from './run-access-reviews';

export type ProjectReviewStatus = {
  projectId: string;
  codename: string;
  openDueAt: Date | null;
  lastClosedAt: Date | null;
  nextDueAt: Date;
  intervalDays: number;
};

/**
 * Every active project's review state for the admins' page (issue 15 point 7): the open review's deadline, the
 * last completed review and when the next falls due. Codenames only; filtered and computed in SQL.
 */
export async function listAccessReviews(actor: Actor): Promise<ProjectReviewStatus[] | null> {
  // Reviews are kept by the admins who grant and revoke (the lead sees their own project's on its page).
  if (!mayAdminister(actor, 'membership.revoke')) return null;
  return withActor(actor, async ({ tx }) => {
    const rows = rowsOf<{
      project_id: string;
      codename: string;
      open_due_at: string | null;
      last_closed_at: string | null;
      interval_days: number;
      start: string | null;
    }>(
      await tx.execute(sql`
        select p.id as project_id, p.codename,
          (select r.due_at from access_reviews r where r.project_id = p.id and r.closed_at is null) as open_due_at,
          (select max(r.closed_at) from access_reviews r where r.project_id = p.id) as last_closed_at,
          coalesce(s.interval_days, ${DEFAULT_REVIEW_INTERVAL_DAYS}) as interval_days,
          (select min(m.granted_at) from memberships m where m.project_id = p.id) as start
        from project_directory p
        left join review_schedules s on s.client_account_id = p.client_account_id
        where p.status = 'active'
        order by p.codename`),
    );
    return rows.map((r) => {
      const lastClosedAt = r.last_closed_at ? new Date(r.last_closed_at) : null;
      const from = lastClosedAt ?? (r.start ? new Date(r.start) : new Date());
      return {
        projectId: r.project_id,
        codename: r.codename,
        openDueAt: r.open_due_at ? new Date(r.open_due_at) : null,
        lastClosedAt,
        intervalDays: Number(r.interval_days),
        nextDueAt: new Date(from.getTime() + Number(r.interval_days) * 86_400_000),
      };
    });
  });
}
