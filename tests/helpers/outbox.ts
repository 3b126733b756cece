/** Outbox rows as the delivery job reads them: the sealed body opened (lib/dal/outbox.ts). */
import type { outboxEmails } from '@/db/schema';
import { openEmailText } from '@/lib/dal/outbox/email-body';

type OutboxRow = typeof outboxEmails.$inferSelect;

export const opened = <R extends OutboxRow>(rows: R[]): (R & { text: string })[] =>
  rows.map((row) => ({ ...row, text: openEmailText(row) }));
