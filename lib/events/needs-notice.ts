/**
 * The notice a guest reads before giving dietary or accessibility needs (issue 14 point 3). Its version is recorded
 * with every consent; change the version whenever the text changes.
 */
export const NEEDS_NOTICE_VERSION = 'event-needs-2026-11';

export function needsNotice(retentionDays: number): { why: string; who: string; when: string } {
  return {
    why: 'We ask only so that the food and the venue work for you. Giving them is optional: you can come without telling us anything.',
    who: 'They are stored encrypted and seen only by the few organisers named for this event (for example the caterer contact) and by our client who hosts it — never by other guests.',
    when: `They are deleted automatically ${retentionDays} day${retentionDays === 1 ? '' : 's'} after the event, and you can withdraw them at any time from this page.`,
  };
}

/** Answers of the public RSVP page, shared by its actions and their tests. */
export const RSVP_INVALID = 'This invitation link is not valid any more. Please ask the person who invited you.';
export const RSVP_ACCEPTED = 'Thank you: you are on the list.';
export const RSVP_DECLINED = 'Thank you for letting us know. You can change your answer until the event.';
export const NEEDS_SAVED = 'Thank you: your needs are saved, with your consent.';
export const NEEDS_WITHDRAWN = 'Your needs are deleted and your consent is withdrawn.';
export const NEEDS_CONSENT_MISSING = 'Tick the box to agree, or leave your needs out.';
export const NEEDS_EMPTY = 'Write a dietary or an accessibility need, or leave this part out.';
