import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgPolicy, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { appRole } from './roles';
import { users } from './users';

/*
 * Scheduled work (lib/jobs): one row per run of a job, whoever started it (the schedule or an admin's "Run now"),
 * and the reminders already sent, so a reminder goes out once however many instances look for it.
 * Runs hold counts and an error's kind only, never content.
 */

export type JobOutcome = 'running' | 'succeeded' | 'failed';

export const jobRuns = pgTable(
  'job_runs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    job: text('job').notNull(),
    trigger: text('trigger').$type<'schedule' | 'manual'>().notNull(),
    requestedBy: uuid('requested_by').references(() => users.id),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    outcome: text('outcome').$type<JobOutcome>().notNull().default('running'),
    /** The error's class name or code (e.g. `ECONNREFUSED`), never its message: messages can quote data. */
    errorKind: text('error_kind'),
    /** What the run did, as counts (`{ sent: 3 }`). */
    summary: jsonb('summary').$type<Record<string, number>>(),
  },
  (t) => [
    index('job_runs_job_started_idx').on(t.job, t.startedAt),
    // Kept by the job runner (app.job = 'job_runs', see lib/dal/auth/bind-credential.ts); read by administrators on
    // /admin/jobs; a run asked for by a person names that person.
    pgPolicy('job_runs_view', {
      for: 'select',
      to: appRole,
      using: sql`(select app_job()) = 'job_runs' or (select app_is_admin())`,
    }),
    pgPolicy('job_runs_start', {
      for: 'insert',
      to: appRole,
      withCheck: sql`(select app_job()) = 'job_runs' and (requested_by is null or requested_by = (select app_user_id()))`,
    }),
    pgPolicy('job_runs_finish', {
      for: 'update',
      to: appRole,
      using: sql`(select app_job()) = 'job_runs'`,
      withCheck: sql`(select app_job()) = 'job_runs'`,
    }),
    pgPolicy('job_runs_prune', { for: 'delete', to: appRole, using: sql`(select app_job()) = 'job_runs'` }),
  ],
);

/** One row per reminder sent: a grant or NDA ending at `dueAt`, told `daysBefore` days ahead. */
export const remindersSent = pgTable(
  'reminders_sent',
  {
    kind: text('kind').notNull(),
    targetId: uuid('target_id').notNull(),
    dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
    daysBefore: integer('days_before').notNull(),
    sentAt: timestamp('sent_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.kind, t.targetId, t.dueAt, t.daysBefore] }),
    // The reminder job runs as an administrator (lib/dal/jobs/expiry-reminders.ts).
    pgPolicy('reminders_sent_view', { for: 'select', to: appRole, using: sql`(select app_is_admin())` }),
    pgPolicy('reminders_sent_record', { for: 'insert', to: appRole, withCheck: sql`(select app_is_admin())` }),
  ],
);
