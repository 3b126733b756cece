import 'server-only';
import { sql } from 'drizzle-orm';
import { rowsOf, type Db } from '@/db/client';
import { driverFor } from '@/lib/files/blob-store';
import { listS3Blobs, s3Driver } from '@/lib/files/blob-store/s3';
import type { BlobStoreKind } from '@/lib/files/config';

export type SweepReport = { staleUploads: number; orphanBlobs: number };

/**
 * Housekeeping for files (an operator's job, like key rotation: it runs as the connection's own role, since an
 * orphan by definition has no row any user could see). Removes uploads left unfinished for `staleUploadMs`
 * (rows and blobs), then, when the S3 store is in use, every object or unfinished multipart upload in the bucket
 * whose version row is gone (a crash between deleting rows and blobs) and that is older than `graceMs` (an upload
 * starts its blob just before its row). The database store has no orphans: its chunks go with their rows.
 */
export async function sweepOrphanBlobs(
  db: Db,
  options: { s3?: boolean; graceMs?: number; staleUploadMs?: number; now?: Date } = {},
): Promise<SweepReport> {
  const now = options.now ?? new Date();
  const [role] = rowsOf<{ bypass: boolean }>(
    await db.execute(sql`select (rolsuper or rolbypassrls) as bypass from pg_roles where rolname = current_user`),
  );
  // Fail closed: under row-level security every blob would look like an orphan.
  if (!role?.bypass) throw new Error('The file sweep needs a database role that bypasses row-level security.');

  const staleBefore = new Date(now.getTime() - (options.staleUploadMs ?? 7 * 24 * 3600_000));
  const stale = rowsOf<{
    blob_store: BlobStoreKind;
    blob_key: string;
    store_state: Record<string, unknown> | string | null;
  }>(
    await db.execute(sql`delete from file_versions where state = 'uploading' and created_at < ${staleBefore.toISOString()}
      returning blob_store, blob_key, store_state`),
  );
  await db.execute(sql`delete from files f where f.created_at < ${staleBefore.toISOString()}
    and not exists (select 1 from file_versions v where v.file_id = f.id)`);
  for (const v of stale) {
    const state =
      typeof v.store_state === 'string' ? (JSON.parse(v.store_state) as Record<string, unknown>) : v.store_state;
    await driverFor(v.blob_store)
      .remove(v.blob_key, state)
      .catch(() => undefined);
  }

  let orphanBlobs = 0;
  if (options.s3) {
    const cutoff = now.getTime() - (options.graceMs ?? 3600_000);
    for await (const blob of listS3Blobs()) {
      if (blob.lastModified && blob.lastModified.getTime() > cutoff) continue;
      const known = rowsOf(await db.execute(sql`select 1 from file_versions where blob_key = ${blob.blobKey}`));
      if (known.length > 0) continue;
      await s3Driver.remove(blob.blobKey, blob.uploadId ? { uploadId: blob.uploadId } : null);
      orphanBlobs += 1;
    }
  }
  return { staleUploads: stale.length, orphanBlobs };
}
