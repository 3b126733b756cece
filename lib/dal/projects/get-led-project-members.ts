import 'server-only';
import { and, asc, eq, gt, isNull, or } from 'drizzle-orm';
import { memberships, projects, users } from '@/db/schema';
import { can, type Actor, type UserRole } from '@/lib/authz';
import { ledProjectsWhere } from '@/lib/authz/sql';
import { loadProjectFacts } from '../facts';
import { withActor } from '../transaction';
import { EXPIRY_WARNING_DAYS } from './expiry-warning';

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
      personRole: m.personRole,
      role: m.role,
      scopes: m.role === 'lead' ? 'all' : m.scopes,
      since: m.since,
      until: m.until,
      endingSoon: m.until !== null && m.until <= soon,
    }));
    return { project, members };
  });
}
