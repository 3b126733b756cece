import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { EventAccessCard } from '@/components/events/event-access-card';
import { EventForm } from '@/components/events/event-form';
import { ActionForm } from '@/components/forms/action-form';
import { Badge, Card, PageHeader } from '@/components/ui/card';
import { Cell, Table } from '@/components/ui/table';
import { readEventAccess } from '@/lib/dal/events/read-event-access';
import { readEvent } from '@/lib/dal/events/read-event';
import { requestMeta } from '@/lib/dal/account/read-request-meta';
import { requireSessionUser } from '@/lib/dal/account/read-session-user';
import { formatEventTime, GUEST_STATUS_LABELS } from '@/lib/events/format';
import { parseId } from '@/lib/validations/ids';
import { inviteGuestAction, updateEventAction } from '../../../../events/actions';

export const metadata: Metadata = { title: 'Event' };

export default async function EventPage({ params }: { params: Promise<{ projectId: string; eventId: string }> }) {
  const user = await requireSessionUser();
  const raw = await params;
  const projectId = parseId(raw.projectId);
  const eventId = parseId(raw.eventId);
  const event = projectId && eventId ? await readEvent(user, eventId, await requestMeta()) : null;
  if (!event || event.projectId !== projectId) notFound();
  const base = `/projects/${event.projectId}/events/${event.id}`;
  const access = await readEventAccess(user, event.id);
  return (
    <>
      <PageHeader
        title={event.name}
        subtitle={`${event.codename} · ${formatEventTime(event.startsAt, event.timeZone)}`}
        actions={
          <Link
            href={`${base}/door`}
            className="rounded-md bg-accent px-3.5 py-2 text-sm font-medium text-white hover:bg-accent/90"
          >
            Door list
          </Link>
        }
      />
      <div className="space-y-6">
        <Card title="For guests">
          <p className="whitespace-pre-wrap text-sm" data-testid="public-description">
            {event.publicDescription}
          </p>
        </Card>
        <Card title="Venue, access and security">
          {event.venue ? (
            <dl className="space-y-3 text-sm" data-testid="event-venue">
              <div>
                <dt className="font-medium">Venue</dt>
                <dd className="whitespace-pre-wrap">{event.venue.venue || '—'}</dd>
              </div>
              <div>
                <dt className="font-medium">Access details</dt>
                <dd className="whitespace-pre-wrap">{event.venue.access || '—'}</dd>
              </div>
              <div>
                <dt className="font-medium">Security arrangements</dt>
                <dd className="whitespace-pre-wrap">{event.venue.security || '—'}</dd>
              </div>
            </dl>
          ) : (
            <p className="text-sm text-muted">
              High-risk: only the people on this event&apos;s allowlist and the client see it.
            </p>
          )}
        </Card>
        <Card title={`Guests (${event.guests.length})`}>
          {event.guests.length === 0 ? (
            <p className="text-sm text-muted">No guests yet.</p>
          ) : (
            <Table headers={['Name', 'Email', 'Plus-ones', 'Status', 'Needs']} caption="Guest list">
              {event.guests.map((g) => (
                <tr key={g.id}>
                  <Cell>{g.name}</Cell>
                  <Cell>{g.email}</Cell>
                  <Cell>{g.plusOnes}</Cell>
                  <Cell>{GUEST_STATUS_LABELS[g.status]}</Cell>
                  <Cell>
                    {g.needs ? (
                      <span className="whitespace-pre-wrap">
                        {[
                          g.needs.dietary && `Dietary: ${g.needs.dietary}`,
                          g.needs.accessibility && `Access: ${g.needs.accessibility}`,
                        ]
                          .filter(Boolean)
                          .join(' · ')}
                      </span>
                    ) : g.hasNeeds ? (
                      <Badge tone="accent">Has needs</Badge>
                    ) : (
                      '—'
                    )}
                  </Cell>
                </tr>
              ))}
            </Table>
          )}
        </Card>
        {access ? <EventAccessCard eventId={event.id} eventName={event.name} access={access} /> : null}
        {event.mayManage ? (
          <>
            <Card title="Invite a guest">
              <p className="mb-3 text-sm text-muted">
                The guest gets an email with a personal link to answer; it shows them only the public description and
                their own invitation.
              </p>
              <ActionForm
                action={inviteGuestAction}
                label="Invite a guest"
                fields={[
                  { kind: 'hidden', name: 'eventId', value: event.id },
                  { kind: 'text', name: 'name', label: 'Guest name', required: true },
                  { kind: 'email', name: 'email', label: 'Guest email', required: true },
                  { kind: 'text', name: 'plusOnes', label: 'Plus-ones', defaultValue: '0' },
                ]}
                submitLabel="Send invitation"
                pendingLabel="Sending…"
              />
            </Card>
            <Card title="Edit event">
              <EventForm
                action={updateEventAction}
                hidden={{ name: 'eventId', value: event.id }}
                values={{
                  name: event.name,
                  date: event.date,
                  time: event.time,
                  timeZone: event.timeZone,
                  publicDescription: event.publicDescription,
                  venue: event.venue?.venue ?? '',
                  access: event.venue?.access ?? '',
                  security: event.venue?.security ?? '',
                  needsRetentionDays: String(event.needsRetentionDays),
                }}
                restricted={event.mayViewRestricted}
                submitLabel="Save event"
              />
            </Card>
          </>
        ) : null}
      </div>
    </>
  );
}
