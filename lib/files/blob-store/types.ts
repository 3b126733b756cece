import type { fileVersions } from '@/db/schema';
import type { Actor } from '@/lib/authz';
import type { BlobStoreKind } from '../config';

export type VersionRow = typeof fileVersions.$inferSelect;

/*
 * A blob store keeps the sealed chunks of a file version (lib/files/chunk-crypto.ts) under the version's random
 * `blob_key`. While a version uploads, its newest chunks are staged in `file_chunks` (as the acting user, under
 * row-level security) whatever the driver: that is what makes an upload resumable across requests. The
 * `database` driver keeps them there for good; the `s3` driver moves them out as multipart parts.
 */
export interface BlobDriver {
  readonly kind: BlobStoreKind;
  /** Prepares a blob before its version row is written; answers what to keep in `store_state`. */
  begin(blobKey: string): Promise<Record<string, unknown> | null>;
  /**
   * Called after chunks were staged durably. `final`: the upload's last chunk is staged (sealed as last) and the
   * version is about to be marked ready, so everything must be moved into the store now.
   */
  drain(actor: Actor, version: VersionRow, final: boolean): Promise<void>;
  /** Sealed chunks [first, first + count) of a ready version, in order, read as `actor`. */
  readChunks(actor: Actor, version: VersionRow, first: number, count: number): Promise<Buffer[]>;
  /** Removes a blob whose rows are gone (chunks in the database go with their rows). Idempotent. */
  remove(blobKey: string, storeState: Record<string, unknown> | null): Promise<void>;
}
