import 'server-only';
import { randomBytes, randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { files, fileVersions } from '@/db/schema';
import type { Actor } from '@/lib/authz';
import { notFoundError } from '@/lib/errors';
import { CHUNK_SIZE, newDataKey } from '@/lib/files/chunk-crypto';
import { currentDriver } from '@/lib/files/blob-store';
import { maxFileBytes } from '@/lib/files/config';
import { refused } from '@/lib/files/errors';
import { sealFileName } from '@/lib/files/names';
import { withActor } from '../transaction';
import { isRlsViolation } from './internal';

export type BeginVersionInput =
  /** A new file on an item, with its first version. */
  | { itemId: string; name: string; declaredSize?: number | null }
  /** A new version of an existing file. */
  | { fileId: string; declaredSize?: number | null };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type BegunVersion = { fileId: string; versionId: string; version: number };

/**
 * Starts an upload: a new file (version 1) or the next version of a file, with a fresh data key and a random
 * blob key, in state 'uploading' (readers see only ready versions). The caller has authorized `file.upload` and
 * written its audit event; row-level security checks the same standing again (a refusal answers not found).
 */
export async function beginVersion(actor: Actor, input: BeginVersionInput): Promise<BegunVersion> {
  if (!UUID.test('itemId' in input ? input.itemId : input.fileId)) throw notFoundError();
  if (input.declaredSize != null && input.declaredSize > maxFileBytes()) throw refused('too_large');
  const driver = currentDriver();
  const blobKey = randomBytes(16).toString('hex');
  const storeState = await driver.begin(blobKey);
  try {
    return await withActor(actor, async ({ tx }) => {
      let fileId: string;
      if ('itemId' in input) {
        fileId = randomUUID();
        const nameSealed = sealFileName(fileId, input.name);
        await tx
          .insert(files)
          .values({ id: fileId, itemId: input.itemId, nameSealed, keyId: nameSealed.kid, createdBy: actor.id });
      } else {
        const [file] = await tx.select({ id: files.id }).from(files).where(eq(files.id, input.fileId));
        if (!file) throw notFoundError();
        fileId = file.id;
      }
      const [{ next }] = (await tx
        .select({ next: sql<number>`coalesce(max(${fileVersions.version}), 0)::int + 1` })
        .from(fileVersions)
        .where(eq(fileVersions.fileId, fileId))) as [{ next: number }];
      const versionId = randomUUID();
      const { sealed } = newDataKey(versionId);
      await tx.insert(fileVersions).values({
        id: versionId,
        fileId,
        version: Number(next),
        declaredSize: input.declaredSize ?? null,
        dataKey: sealed,
        keyId: sealed.kid,
        chunkSize: CHUNK_SIZE,
        blobStore: driver.kind,
        blobKey,
        storeState,
        uploadedBy: actor.id,
      });
      return { fileId, versionId, version: Number(next) };
    });
  } catch (error) {
    await driver.remove(blobKey, storeState).catch(() => undefined);
    if (isRlsViolation(error)) throw notFoundError();
    throw error;
  }
}
