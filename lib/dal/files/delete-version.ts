import 'server-only';
import { eq, sql } from 'drizzle-orm';
import { files, fileVersions } from '@/db/schema';
import type { Actor } from '@/lib/authz';
import { driverFor } from '@/lib/files/blob-store';
import { withActor } from '../transaction';
import { deleteChunksInBatches, loadVersion } from './internal';

/**
 * Deletes one version and its blob (an abandoned or refused upload, or an old version); a file left with no
 * version goes too. Rows first (their chunks in the database go with them), then the blob in an external store;
 * a crash between the two leaves an orphan blob, which the sweep removes. Answers false when the actor cannot
 * see the version. The caller authorizes and audits first.
 */
export async function deleteVersion(actor: Actor, versionId: string): Promise<boolean> {
  const found = await withActor(actor, ({ tx }) => loadVersion(tx, versionId));
  if (!found) return false;
  await deleteChunksInBatches(actor, found.blobKey);
  const gone = await withActor(actor, async ({ tx }) => {
    const version = await loadVersion(tx, versionId);
    if (!version) return null;
    await tx.delete(fileVersions).where(eq(fileVersions.id, version.id));
    const [left] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(fileVersions)
      .where(eq(fileVersions.fileId, version.fileId));
    if (Number(left?.n ?? 0) === 0) await tx.delete(files).where(eq(files.id, version.fileId));
    return version;
  });
  if (!gone) return false;
  await driverFor(gone.blobStore)
    .remove(gone.blobKey, gone.storeState)
    .catch(() => undefined);
  return true;
}
