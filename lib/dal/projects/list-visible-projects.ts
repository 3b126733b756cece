import 'server-only';
import { asc, eq } from 'drizzle-orm';
import { projects } from '@/db/schema';
import { visibleProjectsWhere, type Actor } from '@/lib/authz';
import { withActor } from '../transaction';
import { owner, counterparty, summaryColumns, type ProjectSummary } from './project-summary';

/** The projects the actor may see, filtered by the policy's SQL twin. */
export async function listVisibleProjects(actor: Actor, now = new Date()): Promise<ProjectSummary[]> {
  return withActor(actor, ({ tx }) =>
    tx
      .select(summaryColumns(actor, now))
      .from(projects)
      .innerJoin(owner, eq(owner.id, projects.clientAccountId))
      .leftJoin(counterparty, eq(counterparty.id, projects.counterpartyAccountId))
      .where(visibleProjectsWhere(actor, now))
      .orderBy(asc(projects.codename)),
  );
}
