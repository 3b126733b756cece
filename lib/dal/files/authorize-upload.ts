import 'server-only';
import { eq } from 'drizzle-orm';
import { files } from '@/db/schema';
import type { Actor } from '@/lib/authz';
import { notFoundError } from '@/lib/errors';
import type { RequestMeta } from '../audit';
import { withActor } from '../transaction';
import { loadVersion } from './internal';
import { loadFileItem } from './load-file-item';

/*
 * The decisions of the upload endpoint (app/api/files/tus): each request asks the policy (`file.upload` on the
 * file's item) and records its audit event in the same transaction, allowed or denied, before any byte is kept.
 * A denial is "not found" to the caller, whatever its reason.
 */

/** The audit actions of uploads; `file.upload` (a finished version) is the one a client reads in "Who did". */
export const UPLOAD_AUDIT = {
  start: 'file.upload_start',
  write: 'file.upload_write',
  status: 'file.upload_status',
  cancel: 'file.upload_cancel',
  refused: 'file.upload_refused',
  finished: 'file.upload',
} as const;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type UploadStartRequest = { itemId?: string; fileId?: string; declaredSize: number | null };

/**
 * May the actor start an upload: a new file on `itemId`, or a new version of `fileId` (whose item is then the
 * one decided about; both given must agree)? Answers the item id when allowed, null when not.
 */
export async function authorizeUploadStart(
  actor: Actor,
  input: UploadStartRequest,
  meta: RequestMeta,
  now = new Date(),
): Promise<{ itemId: string } | null> {
  const refused = notFoundError();
  const wanted = input.fileId ?? input.itemId ?? null;
  try {
    return await withActor(
      actor,
      async ({ tx, audit, authorize, deny }) => {
        const refusedEvent = (itemId: string | null = null, projectId: string | null = null) => ({
          action: UPLOAD_AUDIT.start,
          targetType: input.fileId ? ('file' as const) : ('item' as const),
          targetId: wanted && UUID.test(wanted) ? wanted : null,
          projectId,
          details: itemId ? { itemId } : undefined,
        });
        if (!wanted || !UUID.test(wanted) || (input.itemId && !UUID.test(input.itemId)))
          return deny({ ...refusedEvent(), reason: 'not_found' }, refused);
        let itemId = input.itemId ?? null;
        if (input.fileId) {
          const [file] = await tx.select({ itemId: files.itemId }).from(files).where(eq(files.id, input.fileId));
          if (!file || (itemId && file.itemId !== itemId))
            return deny({ ...refusedEvent(), reason: 'not_found' }, refused);
          itemId = file.itemId;
        }
        const loaded = await loadFileItem(tx, actor, itemId!);
        if (!loaded) return deny({ ...refusedEvent(), reason: 'not_found' }, refused);
        const denied = refusedEvent(loaded.item.id, loaded.project.id);
        authorize(
          'file.upload',
          { type: 'item_files', project: loaded.project, item: loaded.item },
          { ...denied, recordAllowed: false },
          refused,
        );
        if (!loaded.row.content_visible) deny({ ...denied, reason: 'database_denied' }, refused);
        audit({
          actorId: actor.id,
          action: UPLOAD_AUDIT.start,
          targetType: input.fileId ? 'file' : 'item',
          targetId: wanted,
          projectId: loaded.project.id,
          outcome: 'allowed',
          details: { itemId: loaded.item.id, declaredSize: input.declaredSize },
          meta,
        });
        return { itemId: loaded.item.id };
      },
      { meta, now },
    );
  } catch (error) {
    if (error === refused) return null;
    throw error;
  }
}

export type UploadStep = 'write' | 'status' | 'cancel';

/**
 * May the actor go on with the upload `versionId` (tus HEAD, PATCH, DELETE)? Only its uploader, while they may
 * still upload to the item (a revoked membership ends an upload on its next request). Answers the file id.
 */
export async function authorizeUploadStep(
  actor: Actor,
  versionId: string,
  step: UploadStep,
  meta: RequestMeta,
  now = new Date(),
): Promise<{ fileId: string; itemId: string } | null> {
  const refused = notFoundError();
  try {
    return await withActor(
      actor,
      async ({ tx, audit, authorize, deny }) => {
        const action = UPLOAD_AUDIT[step];
        const version = await loadVersion(tx, versionId);
        const [file] = version
          ? await tx.select({ itemId: files.itemId }).from(files).where(eq(files.id, version.fileId))
          : [];
        const loaded = file ? await loadFileItem(tx, actor, file.itemId) : null;
        const event = {
          action,
          targetType: 'file' as const,
          targetId: version?.fileId ?? null,
          projectId: loaded?.project.id ?? null,
          details: UUID.test(versionId)
            ? { versionId, itemId: file?.itemId ?? null }
            : { itemId: file?.itemId ?? null },
        };
        if (!version || !file || !loaded) return deny({ ...event, reason: 'not_found' }, refused);
        if (version.uploadedBy !== actor.id) deny({ ...event, reason: 'not_uploader' }, refused);
        authorize(
          'file.upload',
          { type: 'item_files', project: loaded.project, item: loaded.item },
          { ...event, recordAllowed: false },
          refused,
        );
        if (!loaded.row.content_visible) deny({ ...event, reason: 'database_denied' }, refused);
        audit({ ...event, actorId: actor.id, outcome: 'allowed', reason: null, meta });
        return { fileId: version.fileId, itemId: file.itemId };
      },
      { meta, now },
    );
  } catch (error) {
    if (error === refused) return null;
    throw error;
  }
}

/** Records a finished upload (`file.upload`) or a refused one, on the item's project, for "Who did". */
export async function recordUploadOutcome(
  actor: Actor,
  event: { fileId: string; itemId: string; details: Record<string, unknown> } & (
    { action: typeof UPLOAD_AUDIT.finished; reason?: string } | { action: typeof UPLOAD_AUDIT.refused; reason: string }
  ),
  meta: RequestMeta,
): Promise<void> {
  const refused = notFoundError();
  try {
    await withActor(
      actor,
      async ({ tx, audit, deny }) => {
        const loaded = await loadFileItem(tx, actor, event.itemId);
        const entry = {
          action: event.action,
          targetType: 'file' as const,
          targetId: event.fileId,
          projectId: loaded?.project.id ?? null,
          details: { itemId: event.itemId, ...event.details },
        };
        // A refused upload is on the record as refused; nothing else happens here.
        if (event.action === UPLOAD_AUDIT.refused) deny({ ...entry, reason: event.reason }, refused);
        else audit({ ...entry, actorId: actor.id, outcome: 'allowed', reason: event.reason ?? null, meta });
      },
      { meta },
    );
  } catch (error) {
    if (error !== refused) throw error;
  }
}
