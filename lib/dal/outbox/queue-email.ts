import 'server-only';
import { randomUUID } from 'node:crypto';
import type { Executor } from '@/db/client';
import { outboxEmails } from '@/db/schema';
import { sealBody } from './email-body';

/*
 * The email outbox: an email is queued in the transaction of the act that produced it (a link is only sent
 * if the act commits) and delivered afterwards, outside any transaction, when SMTP is configured.
 */

export type Email = { to: string; subject: string; text: string };

export async function queueEmail(tx: Executor, email: Email): Promise<void> {
  const id = randomUUID();
  await tx.insert(outboxEmails).values({ id, to: email.to, subject: email.subject, sealed: sealBody(id, email.text) });
}
