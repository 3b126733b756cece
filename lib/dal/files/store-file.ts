import 'server-only';
import type { Actor } from '@/lib/authz';
import { FileRefusedError } from '@/lib/files/errors';
import { appendToVersion } from './append-version';
import { beginVersion } from './begin-version';
import { deleteVersion } from './delete-version';
import { finishVersion, type FinishedVersion } from './finish-version';

export type StoreFileInput = ({ itemId: string; name: string } | { fileId: string }) & {
  /** The content: a buffer (the seed, tests) or a stream (never held whole). */
  data: Uint8Array | AsyncIterable<Uint8Array>;
};

async function* slices(data: Uint8Array, size = 1024 * 1024) {
  for (let at = 0; at < data.length; at += size) yield data.subarray(at, at + size);
}

/**
 * Stores a whole file in one go (a new file, or a new version of `fileId`): begin, append, finish. Anything
 * but a refusal (already cleaned up) deletes the unfinished version. The caller authorizes and audits first.
 */
export async function storeFile(actor: Actor, input: StoreFileInput): Promise<FinishedVersion> {
  const isBuffer = input.data instanceof Uint8Array;
  const declaredSize = isBuffer ? (input.data as Uint8Array).length : null;
  const begun = await beginVersion(
    actor,
    'fileId' in input
      ? { fileId: input.fileId, declaredSize }
      : { itemId: input.itemId, name: input.name, declaredSize },
  );
  try {
    await appendToVersion(actor, {
      versionId: begun.versionId,
      offset: 0,
      source: isBuffer ? slices(input.data as Uint8Array) : (input.data as AsyncIterable<Uint8Array>),
    });
    return await finishVersion(actor, begun.versionId);
  } catch (error) {
    if (!(error instanceof FileRefusedError)) await deleteVersion(actor, begun.versionId).catch(() => undefined);
    throw error;
  }
}
