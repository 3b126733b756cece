import { index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
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
  (t) => [index('job_runs_job_started_idx').on(t.job, t.startedAt)],
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
  (t) => [primaryKey({ columns: [t.kind, t.targetId, t.dueAt, t.daysBefore] })],
);
