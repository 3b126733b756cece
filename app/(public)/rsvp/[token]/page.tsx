import type { Metadata } from 'next';
import { ActionForm } from '@/components/forms/action-form';
import { readInvitation } from '@/lib/dal/events/read-invitation';
import { requestMeta } from '@/lib/dal/account/read-request-meta';
import { formatEventTime } from '@/lib/events/format';
import { needsNotice, RSVP_INVALID } from '@/lib/events/needs-notice';
import { zonedInstant } from '@/lib/events/zoned';
import { answerRsvpAction, giveNeedsAction, withdrawNeedsAction } from './actions';

export const metadata: Metadata = {
  title: 'Your invitation',
  referrer: 'no-referrer',
  robots: { index: false, follow: false },
};

const TOKEN = /^[A-Za-z0-9_-]{43}$/;

/**
 * The public RSVP page: a guest's personal link shows the event's public description and their own invitation,
 * nothing else — not the event's internal name, not the client, not other guests.
 */
export default async function RsvpPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const invitation = TOKEN.test(token) ? await readInvitation(token, await requestMeta()) : null;
  if (!invitation) {
    return (
      <div className="mx-auto max-w-xl">
        <h1 className="text-2xl font-semibold">Your invitation</h1>
        <p className="mt-4 text-sm">{RSVP_INVALID}</p>
      </div>
    );
  }
  const notice = needsNotice(invitation.needsRetentionDays);
  const when = formatEventTime(
    zonedInstant(invitation.date, invitation.time, invitation.timeZone),
    invitation.timeZone,
  );
  const answered =
    invitation.status === 'accepted'
      ? 'You said you will come.'
      : invitation.status === 'declined'
        ? 'You said you cannot come.'
        : invitation.status === 'attended'
          ? 'You were checked in. Thank you for coming.'
          : 'You have not answered yet.';
  return (
    <div className="mx-auto max-w-xl space-y-8">
      <section>
        <h1 className="text-2xl font-semibold">Your invitation</h1>
        <p className="mt-2 text-sm text-muted">
          For {invitation.guestName}
          {invitation.plusOnes > 0
            ? `, with up to ${invitation.plusOnes} guest${invitation.plusOnes === 1 ? '' : 's'}`
            : ''}{' '}
          · {when}
        </p>
        <p className="mt-4 whitespace-pre-wrap" data-testid="invitation-description">
          {invitation.publicDescription}
        </p>
      </section>
      {invitation.status !== 'attended' ? (
        <section aria-labelledby="answer-heading" className="space-y-3">
          <h2 id="answer-heading" className="text-lg font-semibold">
            Will you come?
          </h2>
          <p className="text-sm" data-testid="rsvp-status">
            {answered}
          </p>
          <div className="flex flex-wrap gap-3">
            <ActionForm
              action={answerRsvpAction}
              inline
              label="Accept the invitation"
              fields={[
                { kind: 'hidden', name: 'token', value: token },
                { kind: 'hidden', name: 'answer', value: 'accept' },
              ]}
              submitLabel="Yes, I will come"
            />
            <ActionForm
              action={answerRsvpAction}
              inline
              label="Decline the invitation"
              variant="secondary"
              fields={[
                { kind: 'hidden', name: 'token', value: token },
                { kind: 'hidden', name: 'answer', value: 'decline' },
              ]}
              submitLabel="No, I cannot come"
            />
          </div>
        </section>
      ) : null}
      <section aria-labelledby="needs-heading" className="space-y-3 rounded-md border border-line bg-white p-4">
        <h2 id="needs-heading" className="text-lg font-semibold">
          Dietary and accessibility needs (optional)
        </h2>
        <ul className="list-disc space-y-1 pl-5 text-sm" aria-label="Why we ask, who sees them, when they are deleted">
          <li>
            <strong>Why we ask:</strong> {notice.why}
          </li>
          <li>
            <strong>Who sees them:</strong> {notice.who}
          </li>
          <li>
            <strong>When they are deleted:</strong> {notice.when}
          </li>
        </ul>
        {invitation.needs ? (
          <div className="space-y-3">
            <p className="text-sm" data-testid="own-needs">
              You told us:{' '}
              {[
                invitation.needs.dietary && `dietary: ${invitation.needs.dietary}`,
                invitation.needs.accessibility && `accessibility: ${invitation.needs.accessibility}`,
              ]
                .filter(Boolean)
                .join('; ')}
            </p>
            <ActionForm
              action={withdrawNeedsAction}
              label="Withdraw my needs"
              variant="danger"
              fields={[{ kind: 'hidden', name: 'token', value: token }]}
              submitLabel="Withdraw my needs and consent"
            />
          </div>
        ) : null}
        <ActionForm
          action={giveNeedsAction}
          label="Give my needs"
          fields={[
            { kind: 'hidden', name: 'token', value: token },
            { kind: 'text', name: 'dietary', label: 'Dietary needs', hint: 'For example: vegetarian, nut allergy.' },
            {
              kind: 'text',
              name: 'accessibility',
              label: 'Accessibility needs',
              hint: 'For example: step-free access.',
            },
            {
              kind: 'checkboxes',
              name: 'consent',
              label: 'Consent',
              options: [
                {
                  value: 'on',
                  label:
                    'I agree that the organisers named for this event and the hosting client may use these needs for this event, as described above.',
                },
              ],
            },
          ]}
          submitLabel={invitation.needs ? 'Replace my needs' : 'Save my needs'}
        />
      </section>
    </div>
  );
}
