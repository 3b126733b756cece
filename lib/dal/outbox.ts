import 'server-only';
import { bindCredential } from '@/lib/dal/account/bind-credential';
import { randomUUID } from 'node:crypto';
import { and, asc, desc, eq, inArray, isNull, lt, lte, or, sql } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { outboxEmails } from '@/db/schema';
import type { Actor } from '@/lib/authz';
import { open, seal, type Sealed } from '@/lib/crypto/envelope';
import { env } from '@/lib/env';
import { redactSentEmail } from '@/lib/mail/redact';
import { sendMail, smtpConfigured } from '@/lib/mail/smtp';
import { assertAllowed } from './guard';
import { errorKind } from './jobs/job-runs';
import { withActor } from './transaction';

/*
 * The email outbox: an email is queued in the transaction of the act that produced it (a link is only sent
 * if the act commits) and delivered afterwards, outside any transaction, when SMTP is configured.
 */

export type Email = { to: string; subject: string; text: string };

/*
 * The body is sealed under the row's id: a pending email holds a working link or code (a bearer secret), so a dump
 * of the queue must not (issue 11). The row-level security policy refuses a plaintext body.
 */
const sealBody = (id: string, text: string): Sealed => seal(text, `outbox:${id}`);

/** The body of a queued or sent email: sealed, or (rows queued before sealing) the legacy plaintext column. */
export function openEmailText(row: { id: string; text: string | null; sealed: Sealed | null }): string {
  if (row.sealed) return open(row.sealed, `outbox:${row.id}`);
  return row.text ?? '';
}

export async function queueEmail(tx: Executor, email: Email): Promise<void> {
  const id = randomUUID();
  await tx.insert(outboxEmails).values({ id, to: email.to, subject: email.subject, sealed: sealBody(id, email.text) });
}

/** The public origin for links in emails: env.appOrigin, never the request's Host header (which a caller controls). */
export function appOrigin(): string {
  return env.appOrigin;
}

// A delivered email keeps no working link or code in the database.
const redact = redactSentEmail;

/** Tries before an email is given up (left unsent, counted on /admin/jobs): over about a day with the backoff below. */
export const MAX_ATTEMPTS = 8;

/** Minutes before try n+1 after n failures: 1, 2, 4 … 64, then capped at 12 hours. */
export const retryDelayMinutes = (failures: number): number => Math.min(2 ** Math.max(failures - 1, 0), 720);

/**
 * Sends what is due, when SMTP_URL is set: the email-delivery job calls it every minute, actions right after
 * their commit. Rows are claimed first, so two runs never send one email twice; a failed one goes back with
 * its attempt counted and the next try pushed back (exponential backoff), and only the error's kind is kept.
 */
export async function deliverPendingEmails(now = new Date()): Promise<number> {
  if (!smtpConfigured()) return 0;
  const claimed = await withActor(null, async ({ tx }) => {
    await bindCredential(tx, { job: 'outbox' });
    const waiting = await tx
      .select({ id: outboxEmails.id })
      .from(outboxEmails)
      .where(
        and(
          isNull(outboxEmails.sentAt),
          lt(outboxEmails.attempts, MAX_ATTEMPTS),
          or(isNull(outboxEmails.nextAttemptAt), lte(outboxEmails.nextAttemptAt, now)),
        ),
      )
      .orderBy(asc(outboxEmails.createdAt))
      .limit(20)
      .for('update', { skipLocked: true });
    if (waiting.length === 0) return [];
    return tx
      .update(outboxEmails)
      .set({ sentAt: now })
      .where(
        and(
          inArray(
            outboxEmails.id,
            waiting.map((w) => w.id),
          ),
          isNull(outboxEmails.sentAt),
        ),
      )
      .returning();
  });
  let sent = 0;
  for (const email of claimed) {
    try {
      const text = openEmailText(email);
      await sendMail({ to: email.to, subject: email.subject, text });
      await withActor(null, async ({ tx }) => {
        await bindCredential(tx, { job: 'outbox' });
        await tx
          .update(outboxEmails)
          .set({ text: null, sealed: sealBody(email.id, redact(text)) })
          .where(eq(outboxEmails.id, email.id));
      });
      sent += 1;
    } catch (error) {
      // Back in the queue for a later run; the error's kind only, such as ECONNREFUSED (messages can quote addresses).
      const kind = errorKind(error);
      console.error('Email delivery failed:', kind);
      const failures = email.attempts + 1;
      await withActor(null, async ({ tx }) => {
        await bindCredential(tx, { job: 'outbox' });
        await tx
          .update(outboxEmails)
          .set({
            sentAt: null,
            attempts: failures,
            lastErrorKind: kind,
            nextAttemptAt: new Date(now.getTime() + retryDelayMinutes(failures) * 60_000),
          })
          .where(eq(outboxEmails.id, email.id));
      });
    }
  }
  return sent;
}

/** Whether the development mailbox may be shown: never in production unless CLEARANCE_DEV_MAILBOX=1. */
export const devMailboxEnabled = (): boolean => env.devMailbox;

export type MailboxEmail = {
  id: string;
  to: string;
  subject: string;
  text: string;
  createdAt: Date;
  sentAt: Date | null;
};

export async function listOutbox(limit = 50): Promise<MailboxEmail[]> {
  if (!devMailboxEnabled()) return [];
  return withActor(null, async ({ tx }) => {
    await bindCredential(tx, { job: 'outbox' });
    const rows = await tx.select().from(outboxEmails).orderBy(desc(outboxEmails.createdAt)).limit(limit);
    return rows.map((row) => ({
      id: row.id,
      to: row.to,
      subject: row.subject,
      text: openEmailText(row),
      createdAt: row.createdAt,
      sentAt: row.sentAt,
    }));
  });
}

/** For /admin/jobs: emails waiting to be sent, and those given up after MAX_ATTEMPTS failures (counts only). */
export async function outboxBacklog(actor: Actor): Promise<{ waiting: number; givenUp: number }> {
  assertAllowed(actor, 'jobs.manage');
  const [row] = await withActor(actor, ({ tx }) =>
    tx
      .select({
        waiting: sql<number>`count(*) filter (where ${outboxEmails.attempts} < ${MAX_ATTEMPTS})::int`,
        givenUp: sql<number>`count(*) filter (where ${outboxEmails.attempts} >= ${MAX_ATTEMPTS})::int`,
      })
      .from(outboxEmails)
      .where(isNull(outboxEmails.sentAt)),
  );
  return { waiting: row?.waiting ?? 0, givenUp: row?.givenUp ?? 0 };
}
