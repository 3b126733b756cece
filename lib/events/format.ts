/** An event's start in its own time zone, e.g. "Sat 12 Dec 2026, 19:30 (Europe/London)". */
export function formatEventTime(startsAt: Date, timeZone: string): string {
  const text = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(startsAt);
  return `${text} (${timeZone})`;
}

export const GUEST_STATUS_LABELS = {
  invited: 'Invited',
  accepted: 'Accepted',
  declined: 'Declined',
  attended: 'Attended',
} as const;
