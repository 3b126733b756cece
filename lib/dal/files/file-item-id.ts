import 'server-only';
import { eq } from 'drizzle-orm';
import { files } from '@/db/schema';
import type { Actor } from '@/lib/authz';
import { withActor } from '../transaction';

/** The item a file is on, as the actor may see it (row-level security), or null. */
export async function fileItemId(actor: Actor, fileId: string): Promise<string | null> {
  const [row] = await withActor(actor, ({ tx }) =>
    tx.select({ itemId: files.itemId }).from(files).where(eq(files.id, fileId)),
  );
  return row?.itemId ?? null;
}
