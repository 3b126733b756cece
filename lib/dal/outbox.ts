import 'server-only';
import { and, asc, desc, eq, inArray, isNull } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { outboxEmails } from '@/db/schema';
import { sendMail, smtpConfigured } from '@/lib/mail/smtp';
import { withActor } from './transaction';

/*
 * The email outbox: an email is queued in the transaction of the act that produced it (a link is only sent
 * if the act commits) and delivered afterwards, outside any transaction, when SMTP is configured.
 */

export type Email = { to: string; subject: string; text: string };

export async function queueEmail(tx: Executor, email: Email): Promise<void> {
  await tx.insert(outboxEmails).values(email);
}

/** The public origin for links in emails: AUTH_URL, never the request's Host header (which a caller controls). */
export function appOrigin(): string {
  return new URL(process.env.AUTH_URL ?? `http://localhost:${process.env.PORT ?? '3000'}`).origin;
}

// A delivered email keeps no working link in the database.
const redact = (text: string) => text.replace(/https?:\/\/\S+/g, '[link removed after sending]');

/** Sends what is waiting, when SMTP_URL is set. Rows are claimed first, so two runs never send one email twice. */
export async function deliverPendingEmails(now = new Date()): Promise<number> {
  if (!smtpConfigured()) return 0;
  const claimed = await withActor(null, async ({ tx }) => {
    const waiting = await tx
      .select({ id: outboxEmails.id })
      .from(outboxEmails)
      .where(isNull(outboxEmails.sentAt))
      .orderBy(asc(outboxEmails.createdAt))
      .limit(20)
      .for('update', { skipLocked: true });
    if (waiting.length === 0) return [];
    return tx
      .update(outboxEmails)
      .set({ sentAt: now })
      .where(and(inArray(outboxEmails.id, waiting.map((w) => w.id)), isNull(outboxEmails.sentAt)))
      .returning();
  });
  let sent = 0;
  for (const email of claimed) {
    try {
      await sendMail({ to: email.to, subject: email.subject, text: email.text });
      await withActor(null, ({ tx }) => tx.update(outboxEmails).set({ text: redact(email.text) }).where(eq(outboxEmails.id, email.id)));
      sent += 1;
    } catch (error) {
      // Back in the queue for the next run; the error's kind only (messages can quote addresses).
      console.error('Email delivery failed:', error instanceof Error ? error.name : 'unknown error');
      await withActor(null, ({ tx }) => tx.update(outboxEmails).set({ sentAt: null }).where(eq(outboxEmails.id, email.id)));
    }
  }
  return sent;
}

/** Whether the development mailbox may be shown: never in production unless CLEARANCE_DEV_MAILBOX=1. */
export const devMailboxEnabled = (): boolean => process.env.NODE_ENV !== 'production' || process.env.CLEARANCE_DEV_MAILBOX === '1';

export type MailboxEmail = { id: string; to: string; subject: string; text: string; createdAt: Date; sentAt: Date | null };

export async function listOutbox(limit = 50): Promise<MailboxEmail[]> {
  if (!devMailboxEnabled()) return [];
  return withActor(null, ({ tx }) => tx.select().from(outboxEmails).orderBy(desc(outboxEmails.createdAt)).limit(limit));
}
