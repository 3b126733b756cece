import 'server-only';
import { getDb } from '@/db/client';
import type { Actor } from '@/lib/authz';
import { sweepOrphanBlobs } from '@/lib/dal/files/sweep-orphan-blobs';
import { blobStoreKind } from '@/lib/files/config';
import { tellEndedGags } from '@/lib/dal/disclosures/tell-ended-gags';
import { sendExpiryReminders } from '@/lib/dal/jobs/expiry-reminders';
import { pruneJobRuns } from '@/lib/dal/jobs/job-runs';
import { sendPrivacyDeadlineReminders } from '@/lib/dal/jobs/privacy-deadlines';
import { deliverPendingEmails } from '@/lib/dal/outbox/deliver-pending-emails';
import { runRetention } from '@/lib/dal/privacy/retention-run';
import { runAccessReviews } from '@/lib/dal/reviews/run-access-reviews';
import type { JobName } from './names';

/*
 * Every piece of scheduled work, in one place. Both runners read this list: pg-boss on PostgreSQL (each tick
 * runs once across all instances) and the in-process scheduler on the embedded database. A handler calls the
 * DAL exactly as the matching button or command does, and returns what it did as counts for the run record.
 * Schedules are cron expressions in UTC.
 */

export type JobContext = {
  /**
   * Who the work acts as: the administrator who pressed "Run now", else the longest-standing active one (the
   * database lets only an administrator run retention or write notifications). Unused by email delivery.
   */
  actor: Actor;
  now: Date;
};

export type JobDefinition = {
  name: JobName | (string & {});
  title: string;
  description: string;
  cron: string;
  /** The cron expression in words, for the admin page. */
  when: string;
  /** How long a run may take before pg-boss gives it up (an instance killed mid-run frees its job then). */
  maxSeconds: number;
  /** False for work that acts as no one (email delivery): it runs even before the first administrator exists. */
  actsAsAdmin: boolean;
  run: (context: JobContext) => Promise<Record<string, number>>;
};

const SCHEDULED = { ip: null, userAgent: 'scheduled job' };

export const JOBS: readonly JobDefinition[] = [
  {
    name: 'retention',
    title: 'Retention',
    description:
      'Runs the retention rules (legal holds respected); the receipt goes to the audit log. Also drops job records older than 90 days.',
    cron: '15 3 * * *',
    when: 'Daily at 03:15 UTC',
    maxSeconds: 3600,
    actsAsAdmin: true,
    run: async ({ actor, now }) => {
      const report = await runRetention(actor, { dryRun: false, via: 'schedule' }, SCHEDULED, now);
      const pruned = await pruneJobRuns(90, now);
      return {
        removed: report.rules.reduce((n, r) => n + r.removed, 0),
        held: report.rules.reduce((n, r) => n + r.held, 0),
        jobRecordsPruned: pruned,
      };
    },
  },
  {
    name: 'expiry-reminders',
    title: 'Expiry reminders',
    description:
      'Tells the holder and the administrators 7 days and 1 day before a project grant, a high-risk grant or an NDA ends; and tells a client when a legal gag on a disclosure about them has ended by its date.',
    cron: '5 * * * *',
    when: 'Hourly, at five past',
    maxSeconds: 600,
    actsAsAdmin: true,
    run: async ({ actor, now }) => {
      const reminders = await sendExpiryReminders(actor, now);
      const gags = await tellEndedGags(actor, now);
      // Counted only when there were some, so an ordinary run reads as it always did.
      return gags.gagsEnded > 0 ? { ...reminders, ...gags } : reminders;
    },
  },
  {
    name: 'privacy-deadlines',
    title: 'Privacy request deadlines',
    description:
      'Tells the administrators 7 days and 1 day before an open privacy request is due, and when it is overdue.',
    cron: '0 7 * * *',
    when: 'Daily at 07:00 UTC',
    maxSeconds: 600,
    actsAsAdmin: true,
    run: ({ actor, now }) => sendPrivacyDeadlineReminders(actor, now),
  },
  {
    name: 'email-delivery',
    title: 'Email delivery',
    description:
      'Sends waiting emails when SMTP is configured; a failure is retried with growing delays (1 minute up to 12 hours, 8 tries).',
    cron: '* * * * *',
    when: 'Every minute',
    maxSeconds: 300,
    actsAsAdmin: false,
    run: async ({ now }) => ({ sent: await deliverPendingEmails(now) }),
  },
  {
    name: 'access-reviews',
    title: 'Access reviews',
    description:
      'Opens a review of each project’s access every 90 days (or the client’s shorter interval), reminds the reviewers 7 days and 1 day before its window ends, and lets what nobody confirmed expire then.',
    cron: '20 * * * *',
    when: 'Hourly, at twenty past',
    maxSeconds: 900,
    actsAsAdmin: true,
    run: ({ actor, now }) => runAccessReviews(actor, now),
  },
  {
    name: 'file-sweep',
    title: 'File housekeeping',
    description:
      'Removes uploads left unfinished for a week, and — with the S3-compatible store — stored objects whose file no longer exists (a crash between deleting a file and its blobs). Runs as the database owner: an orphan has no row anyone could see.',
    cron: '40 4 * * *',
    when: 'Daily at 04:40 UTC',
    maxSeconds: 3600,
    actsAsAdmin: false,
    run: async ({ now }) => sweepOrphanBlobs(await getDb(), { s3: blobStoreKind() === 's3', now }),
  },
];

export const jobByName = (name: string): JobDefinition | undefined => JOBS.find((job) => job.name === name);
