/** The scheduled jobs by name (safe for forms and validation; the definitions are in ./definitions.ts). */
export const JOB_NAMES = [
  'retention',
  'expiry-reminders',
  'privacy-deadlines',
  'email-delivery',
  'access-reviews',
  'file-sweep',
] as const;
export type JobName = (typeof JOB_NAMES)[number];

/** How a run's counts read. */
const SUMMARY_LABELS: Record<string, string> = {
  removed: 'removed',
  held: 'held',
  jobRecordsPruned: 'old run records dropped',
  reminders: 'reminders sent',
  sent: 'emails sent',
  ended: 'reviews ended',
  expired: 'unconfirmed grants expired',
  opened: 'reviews opened',
  staleUploads: 'unfinished uploads removed',
  orphanBlobs: 'orphaned stored objects removed',
  gagsEnded: 'clients told a disclosure gag ended',
};

export const describeSummary = (summary: Record<string, number> | null): string =>
  summary
    ? Object.entries(summary)
        .map(([key, n]) => `${n} ${SUMMARY_LABELS[key] ?? key}`)
        .join(', ')
    : '';
