import 'server-only';
import type { Tx } from '@/db/client';
import { notify, type Mention, type Message, type NotificationKind } from '../notifications/notify';
import type { Recipient } from '../notifications/recipients';
import { owningClientAudience } from '../notifications/audience';

/**
 * Tells every member of a project's owning client about a new grant on it (docs/product.md §14: the client is told of
 * every new grant, not only shown it on the roster). Named as the client sees it: their own project by its
 * real name, people by reference, items by category and number.
 */
export async function tellOwningClient(
  tx: Tx,
  /** `subject`: the grant told of (access.granted); null for the kinds addressed to the owning client. */
  event: { kind: NotificationKind; clientAccountId: string; projectId: string; subject: string | null },
  compose: (recipient: Recipient, mention: Mention) => Message,
): Promise<void> {
  // The database names the owning client's people (app_notification_audience), whatever account the caller holds.
  await notify(
    tx,
    {
      kind: event.kind,
      userIds: await owningClientAudience(tx, event.projectId),
      projectId: event.projectId,
      subject: event.subject,
    },
    compose,
  );
}
