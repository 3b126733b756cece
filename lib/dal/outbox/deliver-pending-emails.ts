import 'server-only';
import { bindCredential } from '@/lib/dal/account/bind-credential';
import { and, asc, eq, inArray, isNull, lt, lte, or } from 'drizzle-orm';
import { outboxEmails } from '@/db/schema';
import { redactSentEmail } from '@/lib/mail/redact';
import { sendMail, smtpConfigured } from '@/lib/mail/smtp';
import { errorKind } from '@/lib/dal/jobs/job-runs';
import { withActor } from '@/lib/dal/transaction';
import { openEmailText, sealBody } from './email-body';

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
