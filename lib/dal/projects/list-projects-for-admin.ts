import 'server-only';
import { asc, eq, sql } from 'drizzle-orm';
import { projectDirectory } from '@/db/schema';
import { counterparty, owner } from './project-summary';
import type { Actor } from '@/lib/authz';
import { withActor } from '../transaction';
import { assertAllowed } from '../guard';

/** Projects for access administration: codenames only, from the directory (administrators read no project rows). */
export async function listProjectsForAdmin(actor: Actor) {
  assertAllowed(actor, 'membership.grant');
  return withActor(actor, ({ tx }) =>
    tx
      .select({
        id: projectDirectory.id,
        codename: projectDirectory.codename,
        status: projectDirectory.status,
        ownerCodename: owner.codename,
        counterpartyCodename: counterparty.codename,
        activeMembers: sql<number>`(select count(distinct m.user_id)::int from memberships m where m.project_id = ${projectDirectory.id}
          and m.revoked_at is null and (m.expires_at is null or m.expires_at > now()))`,
      })
      .from(projectDirectory)
      .innerJoin(owner, eq(owner.id, projectDirectory.clientAccountId))
      .leftJoin(counterparty, eq(counterparty.id, projectDirectory.counterpartyAccountId))
      .orderBy(asc(projectDirectory.codename)),
  );
}
