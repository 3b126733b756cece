import 'server-only';
import { sql } from 'drizzle-orm';
import { rowsOf } from '@/db/client';
import { projects } from '@/db/schema';
import { type Actor } from '@/lib/authz';
import { ledProjectsWhere } from '@/lib/authz/sql';
import { withActor } from '../transaction';
import { EXPIRY_WARNING_DAYS } from './expiry-warning';

export type LedProject = {
  id: string;
  codename: string;
  members: number;
  /** Memberships on the project ending within EXPIRY_WARNING_DAYS. */
  endingSoon: number;
  /** The open access review's deadline, if one is under way. */
  reviewDueAt: Date | null;
};

/** The projects the actor leads, with what waits there (issue 16, the lead's desk): counted in SQL, under the policy's twin. */
export async function listLedProjects(actor: Actor, now = new Date()): Promise<LedProject[]> {
  if (actor.role === 'client' || actor.disabled) return [];
  return withActor(actor, async ({ tx }) => {
    const at = sql`${now.toISOString()}::timestamptz`;
    const soon = sql`${new Date(now.getTime() + EXPIRY_WARNING_DAYS * 86_400_000).toISOString()}::timestamptz`;
    const rows = rowsOf<{
      id: string;
      codename: string;
      members: number | string;
      ending_soon: number | string;
      review_due_at: string | Date | null;
    }>(
      await tx.execute(sql`
        select ${projects.id} as id, ${projects.codename} as codename,
          (select count(*) from memberships x where x.project_id = ${projects.id} and x.revoked_at is null
            and (x.expires_at is null or x.expires_at > ${at})) as members,
          (select count(*) from memberships x where x.project_id = ${projects.id} and x.revoked_at is null
            and x.expires_at > ${at} and x.expires_at <= ${soon}) as ending_soon,
          (select r.due_at from access_reviews r where r.project_id = ${projects.id} and r.closed_at is null limit 1) as review_due_at
        from ${projects}
        where ${ledProjectsWhere(actor, now)}
        order by ${projects.codename}`),
    );
    return rows.map((r) => ({
      id: r.id,
      codename: r.codename,
      members: Number(r.members),
      endingSoon: Number(r.ending_soon),
      reviewDueAt: r.review_due_at ? new Date(r.review_due_at) : null,
    }));
  });
}
