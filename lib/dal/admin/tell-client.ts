import 'server-only';
import { eq } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { clientAccountMembers } from '@/db/schema';
import { notify, type Mention, type Message, type NotificationKind } from '../notifications/notify';
import type { Recipient } from '../notifications/recipients';

/**
 * Tells every member of a project's owning client about a new grant on it (SPEC §14: the client is told of
 * every new grant, not only shown it on the roster). Named as the client sees it: their own project by its
 * real name, people by reference, items by category and number.
 */
export async function tellOwningClient(
  tx: Tx,
  event: { kind: NotificationKind; clientAccountId: string; projectId: string },
  compose: (recipient: Recipient, mention: Mention) => Message,
): Promise<void> {
  const members = await tx.select({ id: clientAccountMembers.userId }).from(clientAccountMembers).where(eq(clientAccountMembers.clientAccountId, event.clientAccountId));
  await notify(tx, { kind: event.kind, userIds: members.map((m) => m.id), projectId: event.projectId }, compose);
}
