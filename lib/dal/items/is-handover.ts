import 'server-only';
import { and, eq } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { clientAccountMembers, projectDirectory } from '@/db/schema';

/** Whether a member of the project's owning client wrote the item: a hand-over, which the client decides about. */
export async function isHandover(tx: Tx, projectId: string, authorId: string): Promise<boolean> {
  const [row] = await tx
    .select({ userId: clientAccountMembers.userId })
    .from(clientAccountMembers)
    .innerJoin(projectDirectory, eq(projectDirectory.clientAccountId, clientAccountMembers.clientAccountId))
    .where(and(eq(projectDirectory.id, projectId), eq(clientAccountMembers.userId, authorId)))
    .limit(1);
  return row !== undefined;
}
