import 'server-only';
import { sql } from 'drizzle-orm';
import { rowsOf, type Tx } from '@/db/client';
import type { NotificationKind } from './notify';

/**
 * The kinds addressed to a project's owning client. Who receives them is decided by the database
 * (app_notification_audience in db/functions.sql: the active client users of the project's owning account), and
 * app_send_notification refuses any other recipient for them; the application only asks and writes each text.
 * Every other kind goes to the people app_notification_recipients derives from the row it is about (`subject`).
 */
export const OWNING_CLIENT_KINDS = [
  'authorization.requested',
  'highrisk.pending',
  'handover.pending',
  'item.classified',
  'breakglass.started',
  'privacy.routed',
] as const satisfies readonly NotificationKind[];

/** The owning client's people to tell about the project, as the database decides them. */
export async function owningClientAudience(tx: Tx, projectId: string): Promise<string[]> {
  return rowsOf<{ id: string }>(
    await tx.execute(
      sql`select a.id from public.app_notification_audience(${projectId}::uuid, 'owning_client') as a(id)`,
    ),
  ).map((row) => row.id);
}
