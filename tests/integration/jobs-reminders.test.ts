/**
 * What the scheduled jobs do, through the DAL they call: reminders before a grant or NDA ends (7 days and 1 day,
 * once each, holder and administrators), privacy-request deadline reminders, email retries with backoff, and an
 * administrator's "Run now" (recorded and audited; anyone else gets not found and nothing is written).
 */
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  auditEvents,
  jobRuns,
  memberships,
  ndaSignatures,
  notifications,
  outboxEmails,
  privacyRequests,
  users,
} from '@/db/schema';
import { seedDemoWorld } from '@/db/seed/demo-world';
import type { Actor } from '@/lib/authz/types';
import { reminderWindow, sendExpiryReminders } from '@/lib/dal/jobs/expiry-reminders';
import { deadlineWindow, sendPrivacyDeadlineReminders } from '@/lib/dal/jobs/privacy-deadlines';
import { deliverPendingEmails, MAX_ATTEMPTS } from '@/lib/dal/outbox/deliver-pending-emails';
import { queueEmail } from '@/lib/dal/outbox/queue-email';
import { listJobOverview, runJobNow } from '@/lib/jobs/job-overview';
import { demoActors, meta, type DemoKey } from '../helpers/actors';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { expectAppError } from '../helpers/expect';

let database: TestDatabase;
let actors: Record<DemoKey, Actor>;
const DAY = 86_400_000;
const shift = (d: Date, ms: number) => new Date(d.getTime() + ms);

beforeAll(async () => {
  database = await createTestDatabase();
  await seedDemoWorld(database.db);
  actors = await demoActors(database.db);
});
afterAll(async () => database?.dispose());

describe('reminder windows', () => {
  it('picks the smallest window the time left falls in', () => {
    const now = new Date('2026-01-10T12:00:00Z');
    expect(reminderWindow(shift(now, 8 * DAY), now)).toBeNull();
    expect(reminderWindow(shift(now, 6 * DAY), now)).toBe(7);
    expect(reminderWindow(shift(now, 12 * 3_600_000), now)).toBe(1);
    expect(reminderWindow(shift(now, -1), now)).toBeNull();
    expect(deadlineWindow('2026-01-20', '2026-01-10')).toBeNull();
    expect(deadlineWindow('2026-01-15', '2026-01-10')).toBe(7);
    expect(deadlineWindow('2026-01-11', '2026-01-10')).toBe(1);
    expect(deadlineWindow('2026-01-09', '2026-01-10')).toBe(0);
  });
});

describe('expiry reminders', () => {
  it('tells the holder and the administrators once at 7 days and once at 1 day before a grant ends', async () => {
    const [grant] = await database.db.select().from(memberships).where(eq(memberships.userId, actors.cora.id));
    const ends = grant!.expiresAt!;
    const before = await database.db.select().from(notifications).where(eq(notifications.kind, 'access.expiring'));
    expect(before).toHaveLength(0);

    const sixDaysBefore = shift(ends, -6 * DAY);
    expect((await sendExpiryReminders(actors.ada, sixDaysBefore)).reminders).toBe(1);
    expect((await sendExpiryReminders(actors.ada, shift(sixDaysBefore, 3_600_000))).reminders).toBe(0);
    const week = await database.db.select().from(notifications).where(eq(notifications.kind, 'access.expiring'));
    const told = new Set(week.map((n) => n.userId));
    expect(told.has(actors.cora.id)).toBe(true);
    expect(told.has(actors.ada.id)).toBe(true);
    const holders = week.filter((n) => n.userId === actors.cora.id);
    expect(holders[0]!.title).toMatch(/^Your access to .+ ends on \d{4}-\d{2}-\d{2}$/);
    // Administrators read "a grant" and follow the link; nobody's name is written into the text.
    expect(week.find((n) => n.userId === actors.ada.id)!.title).toMatch(/^A grant on .+ ends on /);
    expect(week.every((n) => !n.title.includes('Cora') && !n.body.includes('Cora'))).toBe(true);

    expect((await sendExpiryReminders(actors.ada, shift(ends, -20 * 3_600_000))).reminders).toBe(1);
    expect((await sendExpiryReminders(actors.ada, shift(ends, -19 * 3_600_000))).reminders).toBe(0);
    const all = await database.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.kind, 'access.expiring'), eq(notifications.userId, actors.cora.id)));
    expect(all).toHaveLength(2);
    const audited = await database.db.select().from(auditEvents).where(eq(auditEvents.action, 'job.expiry_reminders'));
    expect(audited).toHaveLength(2);
  });

  it('reminds of an NDA only when it is the latest signature for its scope', async () => {
    const [nda] = await database.db.select().from(ndaSignatures).where(eq(ndaSignatures.userId, actors.cora.id));
    const ends = nda!.expiresAt!;
    expect((await sendExpiryReminders(actors.ada, shift(ends, -2 * DAY))).reminders).toBeGreaterThanOrEqual(1);
    const toCora = await database.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.kind, 'nda.expiring'), eq(notifications.userId, actors.cora.id)));
    expect(toCora).toHaveLength(1);
    expect(toCora[0]!.title).toBe(`Your NDA ends on ${ends.toISOString().slice(0, 10)}`);
  });
});

describe('privacy deadlines', () => {
  it('tells the administrators before an open request is due and once it is overdue, by reference', async () => {
    const [request] = await database.db
      .insert(privacyRequests)
      .values({
        kind: 'access',
        jurisdiction: 'gdpr',
        status: 'in_progress',
        channel: 'public',
        subjectName: 'Pia Private',
        subjectEmail: 'pia@example.test',
        dueOn: '2031-03-14',
        originalDueOn: '2031-03-14',
      })
      .returning();
    if (!request) throw new Error('no request');
    const due = new Date(`${request.dueOn}T00:00:00Z`);
    expect((await sendPrivacyDeadlineReminders(actors.ada, shift(due, -3 * DAY))).reminders).toBe(1);
    expect((await sendPrivacyDeadlineReminders(actors.ada, shift(due, -3 * DAY + 3_600_000))).reminders).toBe(0);
    expect((await sendPrivacyDeadlineReminders(actors.ada, shift(due, 2 * DAY))).reminders).toBe(1);
    const toAda = await database.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.kind, 'privacy.deadline'), eq(notifications.userId, actors.ada.id)));
    expect(toAda.some((n) => /^Privacy request PR-\d{5} is overdue$/.test(n.title))).toBe(true);
    expect(toAda.every((n) => !n.body.includes(request.subjectEmail) && !n.body.includes(request.subjectName))).toBe(
      true,
    );
  });
});

describe('email retries', () => {
  it('counts a failed delivery, waits with growing delays, and gives up after the last try', async () => {
    const saved = process.env.SMTP_URL;
    process.env.SMTP_URL = 'smtp://127.0.0.1:9'; // nothing listens there: every try fails fast
    try {
      await database.db.delete(outboxEmails);
      await queueEmail(database.db, { to: 'someone@example.test', subject: 'Test', text: 'Body' });
      let now = new Date();
      expect(await deliverPendingEmails(now)).toBe(0);
      let [row] = await database.db.select().from(outboxEmails);
      expect(row).toMatchObject({ attempts: 1, sentAt: null });
      expect(row!.lastErrorKind).toMatch(/^E[A-Z]+$/); // a code such as ESOCKET, never the message
      expect(row!.nextAttemptAt!.getTime() - now.getTime()).toBe(60_000);
      // Not due yet: not tried again.
      await deliverPendingEmails(shift(now, 30_000));
      [row] = await database.db.select().from(outboxEmails);
      expect(row!.attempts).toBe(1);
      for (let attempt = 2; attempt <= MAX_ATTEMPTS + 1; attempt += 1) {
        now = shift(row!.nextAttemptAt ?? now, 1000);
        await deliverPendingEmails(now);
        [row] = await database.db.select().from(outboxEmails);
      }
      expect(row!.attempts).toBe(MAX_ATTEMPTS);
      const overview = await listJobOverview(actors.ada);
      expect(overview.outbox.givenUp).toBe(1);
    } finally {
      if (saved === undefined) delete process.env.SMTP_URL;
      else process.env.SMTP_URL = saved;
    }
  });
});

describe('run now', () => {
  it('lets an administrator run a job now, recorded as theirs and audited', async () => {
    const { result } = await runJobNow(actors.ada, 'expiry-reminders', meta);
    expect(result.ok).toBe(true);
    const [run] = await database.db.select().from(jobRuns).where(eq(jobRuns.job, 'expiry-reminders'));
    expect(run).toMatchObject({ trigger: 'manual', requestedBy: actors.ada.id, outcome: 'succeeded' });
    const [event] = await database.db.select().from(auditEvents).where(eq(auditEvents.action, 'job.run_now'));
    expect(event).toMatchObject({ actorId: actors.ada.id, targetId: run!.id });
    const overview = await listJobOverview(actors.ada);
    expect(overview.jobs.find((j) => j.name === 'expiry-reminders')!.lastRun!.id).toBe(run!.id);
  });

  it('answers anyone else, and an unknown job, with not found, and records nothing', async () => {
    const before = (await database.db.select().from(jobRuns)).length;
    for (const who of ['sam', 'cora', 'nova'] as const) {
      await expectAppError(runJobNow(actors[who], 'retention', meta), 'not_found');
      await expectAppError(listJobOverview(actors[who]), 'not_found');
    }
    await expectAppError(runJobNow(actors.ada, 'no-such-job', meta), 'not_found');
    expect(await database.db.select().from(jobRuns)).toHaveLength(before);
    expect(await database.db.select().from(users).where(eq(users.id, actors.ada.id))).toHaveLength(1);
  });
});
