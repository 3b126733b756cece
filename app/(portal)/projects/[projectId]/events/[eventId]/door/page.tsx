import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { ActionForm } from '@/components/forms/action-form';
import { Badge } from '@/components/ui/card';
import { readEvent } from '@/lib/dal/events/read-event';
import { requestMeta } from '@/lib/dal/account/read-request-meta';
import { requireSessionUser } from '@/lib/dal/account/read-session-user';
import { formatEventTime } from '@/lib/events/format';
import { parseId } from '@/lib/validations/ids';
import { checkInGuestAction } from '../../../../../events/actions';

export const metadata: Metadata = { title: 'Door list' };

/**
 * The door list for the day, made for a phone: names and plus-ones, one tap to check in. Dietary and accessibility
 * details only for the event's allowlist (and the client); everyone else sees "Has needs".
 */
export default async function DoorListPage({ params }: { params: Promise<{ projectId: string; eventId: string }> }) {
  const user = await requireSessionUser();
  const raw = await params;
  const projectId = parseId(raw.projectId);
  const eventId = parseId(raw.eventId);
  const event = projectId && eventId ? await readEvent(user, eventId, await requestMeta(), { purpose: 'door' }) : null;
  if (!event || event.projectId !== projectId) notFound();
  const expected = event.guests.filter((g) => g.status !== 'declined');
  const inside = event.guests.filter((g) => g.checkedInAt !== null);
  return (
    <div className="mx-auto max-w-xl">
      <h1 className="text-xl font-semibold">Door list · {event.name}</h1>
      <p className="mt-1 text-sm text-muted">
        {formatEventTime(event.startsAt, event.timeZone)} · {inside.length} of {expected.length} checked in ·{' '}
        <Link href={`/projects/${event.projectId}/events/${event.id}`} className="text-accent hover:underline">
          Event page
        </Link>
      </p>
      <ul className="mt-4 divide-y divide-line rounded-md border border-line bg-white" aria-label="Door list">
        {expected.map((g) => (
          <li key={g.id} className="flex flex-wrap items-center justify-between gap-3 p-3" data-testid="door-guest">
            <div className="min-w-0">
              <p className="font-medium">
                {g.name}
                {g.plusOnes > 0 ? <span className="ml-1 text-muted">+{g.plusOnes}</span> : null}
              </p>
              <p className="text-xs text-muted">
                {g.status === 'accepted' ? 'Accepted' : g.status === 'attended' ? 'Checked in' : 'No answer yet'}
              </p>
              {g.needs ? (
                <p className="mt-1 text-sm" data-testid="guest-needs">
                  {[
                    g.needs.dietary && `Dietary: ${g.needs.dietary}`,
                    g.needs.accessibility && `Access: ${g.needs.accessibility}`,
                  ]
                    .filter(Boolean)
                    .join(' · ')}
                </p>
              ) : g.hasNeeds ? (
                <p className="mt-1">
                  <Badge tone="accent">Has needs</Badge>
                </p>
              ) : null}
            </div>
            {g.checkedInAt ? (
              <span className="text-sm font-medium text-emerald-700">Checked in</span>
            ) : event.mayManage ? (
              <ActionForm
                action={checkInGuestAction}
                inline
                label={`Check in ${g.name}`}
                fields={[{ kind: 'hidden', name: 'guestId', value: g.id }]}
                submitLabel="Check in"
                pendingLabel="Checking in…"
              />
            ) : null}
          </li>
        ))}
        {expected.length === 0 ? <li className="p-3 text-sm text-muted">No guests expected.</li> : null}
      </ul>
    </div>
  );
}
