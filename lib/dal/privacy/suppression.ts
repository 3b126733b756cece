import 'server-only';
import { eq } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { suppressionEntries } from '@/db/schema';
import { suppressionHash } from '@/lib/privacy/secrets';

/** Whether an email belongs to someone whose data was erased (admin transactions only: RLS). */
export async function isSuppressed(tx: Executor, email: string): Promise<boolean> {
  const [row] = await tx
    .select({ id: suppressionEntries.id })
    .from(suppressionEntries)
    .where(eq(suppressionEntries.emailSha256, suppressionHash(email)));
  return row !== undefined;
}

export async function addSuppression(tx: Executor, email: string, requestId: string | null): Promise<void> {
  await tx
    .insert(suppressionEntries)
    .values({ emailSha256: suppressionHash(email), requestId })
    .onConflictDoNothing();
}
