import 'server-only';
import { and, asc, eq, gt, isNull, or, sql } from 'drizzle-orm';
import { rowsOf } from '@/db/client';
import { memberships, projects, users } from '@/db/schema';
import { can, type Actor, type UserRole } from '@/lib/authz';
import { ledProjectsWhere } from '@/lib/authz/sql';
import { loadProjectFacts } from './facts';
import { withActor } from './transaction';

/** How far ahead the desk and the members page warn of access that ends (issue 16). */
export const EXPIRY_WARNING_DAYS = 14;

export type ProjectMember = {
  id: string;
  person: string;
  personRole: UserRole;
  role: 'lead' | 'member';
  /** `all` for a lead. */
  scopes: string[] | 'all';
  since: Date;
  until: Date | null;
  /** Ends within EXPIRY_WARNING_DAYS. */
  endingSoon: boolean;
};

/**
 * Who is on a project now (issue 16): for its active lead (`project.members.view`), each current member with their
 * project role, scopes and expiry. The project by codename only, never the client's name. Null when the actor may
 * not list them (as for a project that does not exist).
 */
export async function getLedProjectMembers(actor: Actor, projectId: string, now = new Date()) {
  return withActor(actor, async ({ tx }) => {
    const facts = await loadProjectFacts(tx, actor, projectId);
    if (!facts || !can(actor, 'project.members.view', { type: 'project', project: facts }, now).allowed) return null;
    // The same rule again in the query (the policy's SQL twin): a list is filtered by the database.
    const [project] = await tx
      .select({ id: projects.id, codename: projects.codename })
      .from(projects)
      .where(and(eq(projects.id, projectId), ledProjectsWhere(actor, now)));
    if (!project) return null;
    const soon = new Date(now.getTime() + EXPIRY_WARNING_DAYS * 86_400_000);
    const rows = await tx
      .select({
        id: memberships.id,
        person: users.name,
        personRole: users.role,
        role: memberships.role,
        scopes: memberships.scopes,
        since: memberships.grantedAt,
        until: memberships.expiresAt,
      })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(
        and(
          eq(memberships.projectId, project.id),
          isNull(memberships.revokedAt),
          or(isNull(memberships.expiresAt), gt(memberships.expiresAt, now)),
        ),
      )
      .orderBy(asc(memberships.role), asc(users.name));
    const members: ProjectMember[] = rows.map((m) => ({
      id: m.id,
      person: m.person,
      personRole: m.personRole as UserRole,
      role: m.role,
      scopes: m.role === 'lead' ? 'all' : m.scopes,
      since: m.since,
      until: m.until,
      endingSoon: m.until !== null && m.until <= soon,
    }));
    return { project, members };
  });
}

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
