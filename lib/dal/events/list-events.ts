import 'server-only';
import { and, asc, eq, sql } from 'drizzle-orm';
import { events, projects } from '@/db/schema';
import { visibleEventsWhere, type Actor } from '@/lib/authz';
import { withActor } from '../transaction';

export type EventSummary = {
  id: string;
  name: string;
  startsAt: Date;
  timeZone: string;
  projectId: string;
  codename: string;
  guests: number;
  accepted: number;
};

/** The events the actor may see, filtered in the query by the policy's SQL twin (and again by row-level security). */
export async function listEvents(
  actor: Actor,
  options: { projectId?: string } = {},
  now = new Date(),
): Promise<EventSummary[]> {
  return withActor(actor, ({ tx }) =>
    tx
      .select({
        id: events.id,
        name: events.name,
        startsAt: events.startsAt,
        timeZone: events.timeZone,
        projectId: events.projectId,
        codename: projects.codename,
        guests: sql<number>`(select count(*)::int from guests g where g.event_id = ${events.id})`,
        accepted: sql<number>`(select count(*)::int from guests g where g.event_id = ${events.id} and g.status in ('accepted', 'attended'))`,
      })
      .from(events)
      .innerJoin(projects, eq(projects.id, events.projectId))
      .where(
        and(visibleEventsWhere(actor, now), options.projectId ? eq(events.projectId, options.projectId) : undefined),
      )
      .orderBy(asc(events.startsAt), asc(events.id)),
  );
}
