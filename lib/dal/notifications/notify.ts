import 'server-only';
import { sql } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { mentionToken, renderMentions, UNKNOWN_PERSON } from '@/lib/notifications/mentions';
import { appOrigin } from '@/lib/dal/outbox/read-app-origin';
import { queueEmail } from '@/lib/dal/outbox/queue-email';
import { recipientsFor, type Recipient } from './recipients';

/** The events people are told about (issue 4), in the app and by email. */
export type NotificationKind =
  | 'access.granted'
  /** The agency proposed a creator to a brand on a shortlist (issue 14): the creator is told, and to whom. */
  | 'shortlist.proposed'
  /** The creator was withdrawn from a shortlist by the agency (issue 14): the brand no longer sees them. */
  | 'shortlist.withdrawn'
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
  /** A change to a client's hand-over waiting for them, and their decision; any classification change on their items. */
  | 'handover.pending'
  | 'handover.approved'
  | 'handover.refused'
  | 'item.classified'
  /** Scheduled reminders (lib/jobs): a grant or NDA ends in 7 days or 1 day; a privacy request's due date. */
  | 'access.expiring'
  | 'nda.expiring'
  | 'privacy.deadline'
  /** NDAs sent to a person to sign in the portal, and their answer (to the sender); an admin's break-glass (to the client). */
  | 'nda.sent'
  | 'nda.signed'
  | 'nda.refused'
  | 'breakglass.started'
  /** Periodic access reviews (issue 15): a review opened, its window closing, a decision on your grant, a review ended. */
  | 'review.open'
  | 'review.reminder'
  | 'review.decided'
  | 'review.ended'
  /** A rights request about data the agency holds as processor, routed to the controller (issue 15 point 5). */
  | 'privacy.routed'
  /** The disclosure register (issue 15): a legal disclosure the client may be told of, and a gag lifted. */
  | 'disclosure.legal'
  | 'disclosure.gag_lifted';

export type Message = { title: string; body: string; href?: string };

/** Names a person in a message by reference: `${mention(userId)} asks for…`. */
export type Mention = (userId: string) => string;

/**
 * Tells each person about one event, in the caller's transaction: an in-app notification and an email (queued
 * in the outbox, sent after commit when SMTP is configured). `compose` writes the text per recipient, with the
 * project already named as that recipient may see it; item titles never appear, only references; people only
 * through `mention`, so their names are filled in when read and an erasure changes no one's text.
 *
 * The email carries the title and a link, never the body: bodies quote what someone else typed (a reason), and
 * an email must not carry one person's words to another outside the portal (issue 12, finding 4). Nor does it
 * name anyone ("Someone asks for…"): a sent email cannot be taken back when that person is later erased.
 */
export async function notify(
  tx: Tx,
  event: {
    kind: NotificationKind;
    userIds: readonly string[];
    projectId: string | null;
    /** The row the notification is about (a grant, a request, a review…); null for the owning-client kinds. */
    subject: string | null;
    except?: string;
  },
  compose: (recipient: Recipient, mention: Mention) => Message,
): Promise<void> {
  const recipients = (await recipientsFor(tx, event.userIds, event.projectId)).filter((r) => r.id !== event.except);
  for (const recipient of recipients) {
    const people = new Set<string>();
    const message = compose(recipient, (userId) => {
      people.add(userId.toLowerCase());
      return mentionToken(userId);
    });
    const named = [...people];
    // The database writes notifications only through this function, which derives who hears of this kind of act
    // from the row it is about and refuses anyone else (app_notification_recipients, migration 0046).
    await tx.execute(sql`select public.app_send_notification(${recipient.id}::uuid, ${event.kind}, ${event.projectId}::uuid,
      ${event.subject}::uuid, ${message.title}, ${message.body}, array(select jsonb_array_elements_text(${JSON.stringify(named)}::jsonb)::uuid), ${message.href ?? null})`);
    const title = renderMentions(message.title, named, () => UNKNOWN_PERSON);
    await queueEmail(tx, {
      to: recipient.email,
      subject: `Clearance: ${title}`,
      text: `${title}.\n\nRead it in Clearance: ${appOrigin()}${message.href ?? '/notifications'}`,
    });
  }
}
