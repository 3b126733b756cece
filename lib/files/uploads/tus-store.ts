import 'server-only';
import type { Readable } from 'node:stream';
import { DataStore, ERRORS, Upload } from '@tus/server';
import type { Actor } from '@/lib/authz';
import type { RequestMeta } from '@/lib/dal/audit';
import { appendToVersion } from '@/lib/dal/files/append-version';
import { authorizeUploadStart, recordUploadOutcome, UPLOAD_AUDIT } from '@/lib/dal/files/authorize-upload';
import { beginVersion } from '@/lib/dal/files/begin-version';
import { deleteVersion } from '@/lib/dal/files/delete-version';
import { fileItemId } from '@/lib/dal/files/file-item-id';
import { finishVersion, type FinishedVersion } from '@/lib/dal/files/finish-version';
import { getUpload } from '@/lib/dal/files/get-upload';
import { cleanFileName } from '@/lib/files/names';
import { FileRefusedError } from '@/lib/files/errors';

/** Thrown from the store to answer "not found", the same for an unknown upload and a denied one. */
export const NOT_FOUND = { status_code: 404, body: 'Not found.\n' } as const;

/**
 * The tus DataStore of Clearance, for one request's signed-in user: an upload is a file version (its id is the
 * version id), and its bytes go straight into the encrypted blob store through lib/dal/files (never to disk in
 * plaintext, never whole in memory). The route has authenticated the user and, for an existing upload,
 * authorized the step (lib/dal/files/authorize-upload.ts); creating one is authorized here, where the item is
 * known from the upload's metadata.
 */
export class ClearanceTusStore extends DataStore {
  /** The version a finished upload became (for the response), set by `write`. */
  finished: FinishedVersion | null = null;

  constructor(
    private readonly actor: Actor,
    private readonly meta: RequestMeta,
  ) {
    super();
    // No deferred length: the size is known up front, so the limit is checked before any byte is taken.
    this.extensions = ['creation', 'creation-with-upload', 'termination'];
  }

  /** tus POST: metadata `itemId` (a new file, with `filename`) or `fileId` (a new version of that file). */
  override async create(upload: Upload): Promise<Upload> {
    const meta = upload.metadata ?? {};
    const fileId = meta.fileId || undefined;
    const itemId = meta.itemId || undefined;
    const declaredSize = upload.size ?? null;
    const allowed = await authorizeUploadStart(this.actor, { itemId, fileId, declaredSize }, this.meta);
    if (!allowed) throw NOT_FOUND;
    const name = cleanFileName(meta.filename ?? meta.name ?? 'file');
    const begun = await beginVersion(
      this.actor,
      fileId ? { fileId, declaredSize } : { itemId: allowed.itemId, name, declaredSize },
    );
    upload.id = begun.versionId;
    upload.metadata = { fileId: begun.fileId, version: String(begun.version), itemId: allowed.itemId };
    upload.creation_date = new Date().toISOString();
    return upload;
  }

  /** tus HEAD (and before every PATCH): where the upload stands, from the database. */
  override async getUpload(id: string): Promise<Upload> {
    const status = await getUpload(this.actor, id);
    if (!status || status.uploadedBy !== this.actor.id) throw NOT_FOUND;
    // Every byte stored but the finish cut off (a crash, a dropped answer): finish it now.
    if (
      status.state === 'uploading' &&
      status.declaredSize !== null &&
      status.declaredSize > 0 &&
      status.received === status.declaredSize
    ) {
      await this.finish(id, status.fileId);
      return new Upload({
        id,
        size: status.received,
        offset: status.received,
        metadata: { fileId: status.fileId, version: String(status.version) },
      });
    }
    // A finished version is complete whatever was declared.
    const size = status.state === 'ready' ? status.received : (status.declaredSize ?? undefined);
    return new Upload({
      id,
      size,
      offset: status.received,
      metadata: { fileId: status.fileId, version: String(status.version) },
    });
  }

  /**
   * tus PATCH: appends the body at `offset`. What arrived is durable even when the connection drops (the
   * upload resumes there); a refused type or a size past the limit deletes the upload and is answered with
   * the reason. The last byte finishes the version (its SHA-256 recorded, ready for readers).
   */
  override async write(stream: Readable, id: string, offset: number): Promise<number> {
    const before = await getUpload(this.actor, id);
    if (!before || before.uploadedBy !== this.actor.id) throw NOT_FOUND;
    // Known before the bytes: a refused upload takes its file with it.
    const itemId = await this.itemOf(before.fileId);
    try {
      const { offset: reached } = await appendToVersion(this.actor, { versionId: id, offset, source: stream });
      // A small file is sniffed when it finishes: a refusal can come from either step.
      if (before.declaredSize !== null && reached === before.declaredSize) await this.finish(id, before.fileId, itemId);
      return reached;
    } catch (error) {
      if (error instanceof FileRefusedError && (error.reason === 'type_not_allowed' || error.reason === 'too_large')) {
        await deleteVersion(this.actor, id).catch(() => false);
        await recordUploadOutcome(
          this.actor,
          {
            action: UPLOAD_AUDIT.refused,
            fileId: before.fileId,
            itemId,
            reason: error.reason,
            details: { versionId: id },
          },
          this.meta,
        );
      }
      throw error;
    }
  }

  /** tus DELETE (cancel): the unfinished version and its blobs go; a file left with no version goes too. */
  override async remove(id: string): Promise<void> {
    const status = await getUpload(this.actor, id);
    if (!status || status.uploadedBy !== this.actor.id) throw NOT_FOUND;
    if (status.state === 'ready') throw ERRORS.FILE_NO_LONGER_EXISTS;
    await deleteVersion(this.actor, id);
  }

  /** Ends an upload whose last byte is stored: also on a HEAD after a finish was cut off (see the route). */
  async finish(versionId: string, fileId: string, knownItemId?: string): Promise<FinishedVersion> {
    const done = await finishVersion(this.actor, versionId);
    this.finished = done;
    await recordUploadOutcome(
      this.actor,
      {
        action: UPLOAD_AUDIT.finished,
        fileId,
        itemId: knownItemId ?? (await this.itemOf(fileId)),
        details: {
          versionId,
          version: done.version,
          size: done.size,
          sha256: done.sha256,
          contentType: done.contentType,
        },
      },
      this.meta,
    );
    return done;
  }

  private async itemOf(fileId: string): Promise<string> {
    return (await fileItemId(this.actor, fileId)) ?? '';
  }
}
