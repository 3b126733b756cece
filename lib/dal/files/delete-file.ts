import 'server-only';
import { eq } from 'drizzle-orm';
import { files, fileVersions } from '@/db/schema';
import type { Actor } from '@/lib/authz';
import { driverFor } from '@/lib/files/blob-store';
import { withActor } from '../transaction';
import { deleteChunksInBatches } from './internal';

/**
 * Deletes a file, all its versions and their blobs. Rows first (chunks in the database go with them by
 * cascade), then blobs in an external store; a crash between leaves orphans for the sweep. Answers false when
 * the actor cannot see (or may not change) the file. The caller authorizes and audits first.
 */
export async function deleteFile(actor: Actor, fileId: string): Promise<boolean> {
  if (!/^[0-9a-f-]{36}$/i.test(fileId)) return false;
  // Chunks first, in short batches (a large file's in one statement would outlast the statement timeout).
  const keys = await withActor(actor, ({ tx }) =>
    tx.select({ blobKey: fileVersions.blobKey }).from(fileVersions).where(eq(fileVersions.fileId, fileId)),
  );
  for (const { blobKey } of keys) await deleteChunksInBatches(actor, blobKey);
  const versions = await withActor(actor, async ({ tx }) => {
    const found = await tx
      .select({ blobStore: fileVersions.blobStore, blobKey: fileVersions.blobKey, storeState: fileVersions.storeState })
      .from(fileVersions)
      .where(eq(fileVersions.fileId, fileId));
    const deleted = await tx.delete(files).where(eq(files.id, fileId)).returning({ id: files.id });
    return deleted.length > 0 ? found : null;
  });
  if (!versions) return false;
  for (const v of versions)
    await driverFor(v.blobStore)
      .remove(v.blobKey, v.storeState)
      .catch(() => undefined);
  return true;
}
