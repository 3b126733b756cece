import type { Metadata } from 'next';
import Link from 'next/link';
import { Card, PageHeader } from '@/components/ui/card';
import { listEvents } from '@/lib/dal/events/list-events';
import { requireSessionUser } from '@/lib/dal/account/read-session-user';
import { formatEventTime } from '@/lib/events/format';

export const metadata: Metadata = { title: 'Events' };

/** Every event the signed-in person may see (logistics staff on the project, the owning client), soonest first. */
export default async function EventsPage() {
  const user = await requireSessionUser();
  const events = await listEvents(user);
  return (
    <>
      <PageHeader
        title="Events"
        subtitle="Launches, shoots and dinners of your projects. Create one from its project's Events page."
      />
      <Card>
        {events.length === 0 ? (
          <p className="text-sm text-muted">No events you are cleared to see.</p>
        ) : (
          <ul className="divide-y divide-line">
            {events.map((e) => (
              <li key={e.id} className="flex flex-wrap items-center justify-between gap-2 py-2.5">
                <Link
                  href={`/projects/${e.projectId}/events/${e.id}`}
                  className="font-medium text-accent hover:underline"
                >
                  {e.name}
                </Link>
                <span className="text-xs text-muted">
                  {e.codename} · {formatEventTime(e.startsAt, e.timeZone)} · {e.accepted} of {e.guests} coming
                </span>
              </li>
            ))}
          </ul>
        )}
      </Card>
    </>
  );
}
