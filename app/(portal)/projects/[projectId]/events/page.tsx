import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { EventForm } from '@/components/events/event-form';
import { Card, PageHeader } from '@/components/ui/card';
import { mayCreateEvent } from '@/lib/dal/events/may-create-event';
import { listEvents } from '@/lib/dal/events/list-events';
import { getProjectDetail } from '@/lib/dal/projects/get-project-detail';
import { requireSessionUser } from '@/lib/dal/account/read-session-user';
import { formatEventTime } from '@/lib/events/format';
import { parseId } from '@/lib/validations/ids';
import { createEventAction } from '../../../events/actions';

export const metadata: Metadata = { title: 'Project events' };

export default async function ProjectEventsPage({ params }: { params: Promise<{ projectId: string }> }) {
  const user = await requireSessionUser();
  const projectId = parseId((await params).projectId);
  const project = projectId ? await getProjectDetail(user, projectId) : null;
  if (!project) notFound();
  const [events, mayCreate] = await Promise.all([
    listEvents(user, { projectId: project.id }),
    mayCreateEvent(user, project.id),
  ]);
  return (
    <>
      <PageHeader
        title={`${project.codename} events`}
        subtitle={
          <Link href={`/projects/${project.id}`} className="text-accent hover:underline">
            Back to the project
          </Link>
        }
      />
      <div className="space-y-6">
        <Card title="Events">
          {events.length === 0 ? (
            <p className="text-sm text-muted">No events you are cleared to see.</p>
          ) : (
            <ul className="divide-y divide-line">
              {events.map((e) => (
                <li key={e.id} className="flex flex-wrap items-center justify-between gap-2 py-2.5">
                  <Link
                    href={`/projects/${project.id}/events/${e.id}`}
                    className="font-medium text-accent hover:underline"
                  >
                    {e.name}
                  </Link>
                  <span className="text-xs text-muted">
                    {formatEventTime(e.startsAt, e.timeZone)} · {e.accepted} of {e.guests} coming
                  </span>
                </li>
              ))}
            </ul>
          )}
        </Card>
        {mayCreate ? (
          <Card title="New event">
            <EventForm
              action={createEventAction}
              hidden={{ name: 'projectId', value: project.id }}
              values={{
                name: '',
                date: '',
                time: '19:00',
                timeZone: 'Europe/London',
                publicDescription: '',
                venue: '',
                access: '',
                security: '',
                needsRetentionDays: '30',
              }}
              restricted
              create
              submitLabel="Create event"
            />
          </Card>
        ) : null}
      </div>
    </>
  );
}
