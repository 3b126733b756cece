import 'server-only';
import type { Tx } from '@/db/client';
import { notifications } from '@/db/schema';
import { appOrigin, queueEmail } from '../outbox';
import { recipientsFor, type Recipient } from './recipients';

/** The events people are told about (issue 4), in the app and by email. */
export type NotificationKind =
  | 'access.granted'
  | 'access.revoked'
  | 'authorization.requested'
  | 'authorization.signed'
  | 'authorization.refused'
  | 'authorization.revoked'
  | 'highrisk.pending'
  | 'highrisk.approved'
  | 'highrisk.refused'
  | 'access_request.created'
  | 'access_request.decided'
  /** Scheduled reminders (lib/jobs): a grant or NDA ends in 7 days or 1 day; a privacy request's due date. */
  | 'access.expiring'
  | 'nda.expiring'
  | 'privacy.deadline';

export type Message = { title: string; body: string; href?: string };

/**
 * Tells each person about one event, in the caller's transaction: an in-app notification and an email (queued
 * in the outbox, sent after commit when SMTP is configured). `compose` writes the text per recipient, with the
 * project already named as that recipient may see it; item titles never appear, only references.
 */
export async function notify(
  tx: Tx,
  event: { kind: NotificationKind; userIds: readonly string[]; projectId: string | null; except?: string },
  compose: (recipient: Recipient) => Message,
): Promise<void> {
  const recipients = (await recipientsFor(tx, event.userIds, event.projectId)).filter((r) => r.id !== event.except);
  for (const recipient of recipients) {
    const message = compose(recipient);
    await tx.insert(notifications).values({ userId: recipient.id, kind: event.kind, title: message.title, body: message.body, href: message.href ?? null });
    const link = message.href ? `\n\nOpen Clearance: ${appOrigin()}${message.href}` : '';
    await queueEmail(tx, { to: recipient.email, subject: `Clearance: ${message.title}`, text: `${message.body}${link}` });
  }
}
