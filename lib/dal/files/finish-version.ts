import 'server-only';
import { and, eq, sql } from 'drizzle-orm';
import { fileChunks, fileVersions } from '@/db/schema';
import type { Actor } from '@/lib/authz';
import { notFoundError } from '@/lib/errors';
import { driverFor } from '@/lib/files/blob-store';
import { chunkCount, openDataKey, sealChunk, type ChunkContext } from '@/lib/files/chunk-crypto';
import { refused } from '@/lib/files/errors';
import { sniffType } from '@/lib/files/sniff';
import { chunkValue } from '@/lib/files/blob-store/chunk-sql';
import { withActor } from '../transaction';
import { deleteVersion } from './delete-version';
import { loadVersion, openStagedChunk, readStagedChunk, resumeHasher } from './internal';

export type FinishedVersion = {
  fileId: string;
  versionId: string;
  version: number;
  size: number;
  sha256: string;
  contentType: string;
};

/**
 * Completes an upload: the last chunk is sealed again as "last", the blob is completed in its store, and the
 * version becomes ready with its size, sniffed type and the SHA-256 of the plaintext (from the running hash
 * state, so no second pass over the bytes). A type still unknown (a file smaller than the sniff window) is
 * sniffed now; refused, the upload is deleted. The caller authorizes and audits first.
 */
export async function finishVersion(actor: Actor, versionId: string): Promise<FinishedVersion> {
  const version = await withActor(actor, ({ tx }) => loadVersion(tx, versionId));
  if (!version || version.uploadedBy !== actor.id) throw notFoundError();
  if (version.state !== 'uploading') throw refused('not_uploading');
  if (version.declaredSize != null && version.received !== version.declaredSize) throw refused('incomplete');

  const ctx: ChunkContext = { fileId: version.fileId, versionId: version.id };
  const key = openDataKey(version.id, version.dataKey);
  const sha256 = (await resumeHasher(version.id, version.hashState)).digest('hex');
  const last = chunkCount(version.received, version.chunkSize) - 1;
  const plain =
    version.received === 0
      ? Buffer.alloc(0)
      : openStagedChunk(key, ctx, last, await readStagedChunk(actor, version, last));
  // Until a type is known the file is shorter than the sniff window, so all of it is this one chunk.
  const contentType = version.contentType ?? (await sniffType(plain));
  if (!contentType) {
    await deleteVersion(actor, version.id).catch(() => undefined);
    throw refused('type_not_allowed');
  }

  const staged = await withActor(actor, async ({ tx }) => {
    await tx
      .insert(fileChunks)
      .values({ blobKey: version.blobKey, idx: last, data: chunkValue(sealChunk(key, ctx, last, true, plain)) })
      .onConflictDoUpdate({ target: [fileChunks.blobKey, fileChunks.idx], set: { data: sql`excluded.data` } });
    const [row] = await tx
      .update(fileVersions)
      .set({ contentType })
      .where(
        and(
          eq(fileVersions.id, version.id),
          eq(fileVersions.received, version.received),
          eq(fileVersions.state, 'uploading'),
        ),
      )
      .returning();
    if (!row) throw refused('offset_mismatch');
    return row;
  });
  await driverFor(staged.blobStore).drain(actor, staged, true);
  await withActor(actor, async ({ tx }) => {
    const [row] = await tx
      .update(fileVersions)
      .set({ state: 'ready', size: version.received, sha256, hashState: null, finishedAt: new Date() })
      .where(and(eq(fileVersions.id, version.id), eq(fileVersions.state, 'uploading')))
      .returning({ id: fileVersions.id });
    if (!row) throw refused('not_uploading');
  });
  return {
    fileId: version.fileId,
    versionId: version.id,
    version: version.version,
    size: version.received,
    sha256,
    contentType,
  };
}
