import 'server-only';
import { eq } from 'drizzle-orm';
import { files } from '@/db/schema';
import { can, type Actor } from '@/lib/authz';
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
  return withActor(actor, async ({ tx, audit }) => {
    const wanted = input.fileId ?? input.itemId ?? null;
    const deny = (reason: string, itemId: string | null = null, projectId: string | null = null) => {
      audit({
        actorId: actor.id,
        action: UPLOAD_AUDIT.start,
        targetType: input.fileId ? 'file' : 'item',
        targetId: wanted && UUID.test(wanted) ? wanted : null,
        projectId,
        outcome: 'denied',
        reason,
        details: itemId ? { itemId } : undefined,
        meta,
      });
      return null;
    };
    if (!wanted || !UUID.test(wanted) || (input.itemId && !UUID.test(input.itemId))) return deny('not_found');
    let itemId = input.itemId ?? null;
    if (input.fileId) {
      const [file] = await tx.select({ itemId: files.itemId }).from(files).where(eq(files.id, input.fileId));
      if (!file || (itemId && file.itemId !== itemId)) return deny('not_found');
      itemId = file.itemId;
    }
    const loaded = await loadFileItem(tx, actor, itemId!);
    if (!loaded) return deny('not_found');
    const decision = can(actor, 'file.upload', { type: 'item_files', project: loaded.project, item: loaded.item }, now);
    if (!decision.allowed || !loaded.row.content_visible) {
      return deny(decision.allowed ? 'database_denied' : decision.reason, loaded.item.id, loaded.project.id);
    }
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
  });
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
  return withActor(actor, async ({ tx, audit }) => {
    const action = UPLOAD_AUDIT[step];
    const version = await loadVersion(tx, versionId);
    const [file] = version
      ? await tx.select({ itemId: files.itemId }).from(files).where(eq(files.id, version.fileId))
      : [];
    const loaded = file ? await loadFileItem(tx, actor, file.itemId) : null;
    const decision = loaded
      ? can(actor, 'file.upload', { type: 'item_files', project: loaded.project, item: loaded.item }, now)
      : null;
    const reason =
      !version || !loaded || !decision
        ? 'not_found'
        : version.uploadedBy !== actor.id
          ? 'not_uploader'
          : !decision.allowed
            ? decision.reason
            : !loaded.row.content_visible
              ? 'database_denied'
              : null;
    audit({
      actorId: actor.id,
      action,
      targetType: 'file',
      targetId: version?.fileId ?? null,
      projectId: loaded?.project.id ?? null,
      outcome: reason ? 'denied' : 'allowed',
      reason,
      details: UUID.test(versionId) ? { versionId, itemId: file?.itemId ?? null } : { itemId: file?.itemId ?? null },
      meta,
    });
    if (reason || !version || !file) return null;
    return { fileId: version.fileId, itemId: file.itemId };
  });
}

/** Records a finished upload (`file.upload`) or a refused one, on the item's project, for "Who did". */
export async function recordUploadOutcome(
  actor: Actor,
  event: {
    action: typeof UPLOAD_AUDIT.finished | typeof UPLOAD_AUDIT.refused;
    fileId: string;
    itemId: string;
    details: Record<string, unknown>;
    reason?: string;
  },
  meta: RequestMeta,
): Promise<void> {
  await withActor(actor, async ({ tx, audit }) => {
    const loaded = await loadFileItem(tx, actor, event.itemId);
    audit({
      actorId: actor.id,
      action: event.action,
      targetType: 'file',
      targetId: event.fileId,
      projectId: loaded?.project.id ?? null,
      outcome: event.action === UPLOAD_AUDIT.finished ? 'allowed' : 'denied',
      reason: event.reason ?? null,
      details: { itemId: event.itemId, ...event.details },
      meta,
    });
  });
}
