import { ActionForm } from '@/components/forms/action-form';
import { Badge, Card } from '@/components/ui/card';
import { Cell, Table } from '@/components/ui/table';
import type { EventAccessView } from '@/lib/dal/events/read-event-access';
import { formatDate } from '@/lib/labels';
import {
  decideEventAccessAction,
  grantEventAccessAction,
  revokeEventAccessAction,
} from '@/app/(portal)/events/actions';

const STATE_LABEL = {
  active: 'Active',
  pending: 'Waiting for the client',
  refused: 'Refused by the client',
  removed: 'Removed',
} as const;

/**
 * The event's allowlist (issue 14): who may open the venue, access and security arrangements and guests' needs.
 * An admin or the project's lead adds people who run the event and removes them (after a confirmation); the
 * owning client approves or refuses entries waiting for them.
 */
export function EventAccessCard({
  eventId,
  eventName,
  access,
}: {
  eventId: string;
  eventName: string;
  access: EventAccessView;
}) {
  const shown = access.entries.filter((e) => e.revokedAt === null || access.mayGrant);
  return (
    <Card title="Allowlist: venue and guests’ needs">
      <p className="mb-3 text-sm text-muted">
        The people below, besides the client, see this event&apos;s venue, access and security arrangements and
        guests&apos; dietary and accessibility needs.
        {access.requiresApproval ? ' The client approves each new entry before it gives access.' : ''}
      </p>
      {shown.length === 0 ? (
        <p className="text-sm text-muted">Nobody yet.</p>
      ) : (
        <Table headers={['Person', 'Reason', 'Added', 'State', '']} caption={`Allowlist of ${eventName}`}>
          {shown.map((e) => {
            const state = e.revokedAt ? 'removed' : e.status;
            return (
              <tr key={e.id}>
                <Cell className="font-medium">{e.name}</Cell>
                <Cell>{e.grantedBy === null ? 'Created the event' : e.reason}</Cell>
                <Cell>{formatDate(e.grantedAt)}</Cell>
                <Cell>
                  <Badge tone={state === 'active' ? 'accent' : state === 'pending' ? 'neutral' : 'danger'}>
                    {STATE_LABEL[state]}
                  </Badge>
                </Cell>
                <Cell>
                  <div className="flex flex-wrap gap-2">
                    {access.mayDecide && state === 'pending' ? (
                      <>
                        <ActionForm
                          inline
                          label={`Approve ${e.name}`}
                          action={decideEventAccessAction}
                          submitLabel="Approve"
                          fields={[
                            { kind: 'hidden', name: 'eventId', value: eventId },
                            { kind: 'hidden', name: 'entryId', value: e.id },
                            { kind: 'hidden', name: 'decision', value: 'approve' },
                          ]}
                        />
                        <ActionForm
                          inline
                          label={`Refuse ${e.name}`}
                          action={decideEventAccessAction}
                          submitLabel="Refuse"
                          variant="danger"
                          fields={[
                            { kind: 'hidden', name: 'eventId', value: eventId },
                            { kind: 'hidden', name: 'entryId', value: e.id },
                            { kind: 'hidden', name: 'decision', value: 'refuse' },
                          ]}
                          confirm={{
                            title: `Refuse ${e.name}'s access to ${eventName}?`,
                            description: `${e.name} will not see the venue or guests' needs of ${eventName}. The agency is told; access then needs a new entry.`,
                            confirmLabel: `Refuse ${e.name}`,
                          }}
                        />
                      </>
                    ) : null}
                    {access.mayGrant && (state === 'active' || state === 'pending') ? (
                      <ActionForm
                        inline
                        label={`Remove ${e.name} from the allowlist`}
                        action={revokeEventAccessAction}
                        submitLabel="Remove"
                        variant="danger"
                        fields={[
                          { kind: 'hidden', name: 'eventId', value: eventId },
                          { kind: 'hidden', name: 'entryId', value: e.id },
                        ]}
                        confirm={{
                          title: `Remove ${e.name} from the allowlist of ${eventName}?`,
                          description: `${e.name} no longer sees the venue, access and security arrangements or guests' needs of ${eventName} from now on. The removal is audited; seeing them again needs a new entry.`,
                          confirmLabel: `Remove ${e.name}`,
                        }}
                      />
                    ) : null}
                  </div>
                </Cell>
              </tr>
            );
          })}
        </Table>
      )}
      {access.mayGrant ? (
        access.candidates.length === 0 ? (
          <p className="mt-3 text-sm text-muted">
            Everyone who runs this project&apos;s events (its lead and members with the logistics scope) is already on
            the allowlist.
          </p>
        ) : (
          <div className="mt-4">
            <ActionForm
              label="Add to the event allowlist"
              once
              action={grantEventAccessAction}
              submitLabel="Add to allowlist"
              fields={[
                { kind: 'hidden', name: 'eventId', value: eventId },
                {
                  kind: 'select',
                  name: 'userId',
                  label: 'Person',
                  hint: 'People who run this project’s events: its lead and members with the logistics scope.',
                  options: [
                    { value: '', label: 'Choose…' },
                    ...access.candidates.map((c) => ({ value: c.id, label: c.name })),
                  ],
                },
                {
                  kind: 'text',
                  name: 'reason',
                  label: 'Reason',
                  hint: 'Why they need the venue and guests’ needs, e.g. “Caterer contact”.',
                  required: true,
                },
              ]}
            />
          </div>
        )
      ) : null}
    </Card>
  );
}
