import 'server-only';
import { bindCredential } from '@/lib/dal/account/bind-credential';
import { desc } from 'drizzle-orm';
import { outboxEmails } from '@/db/schema';
import { env } from '@/lib/env';
import { withActor } from '@/lib/dal/transaction';
import { openEmailText } from './email-body';

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
