import 'server-only';
import { and, desc, eq } from 'drizzle-orm';
import { files, fileVersions } from '@/db/schema';
import { can, type Actor } from '@/lib/authz';
import { openFileName } from '@/lib/files/names';
import { newForensicCode } from '@/lib/files/watermark/mark';
import { itemReference } from '@/lib/labels';
import { notFoundError } from '@/lib/errors';
import type { RequestMeta } from '../audit';
import { withActor } from '../transaction';
import { loadFileItem } from './load-file-item';

/** How a file's bytes leave the server (and 'open': the viewer page): each request is decided and audited on its own. */
export type FileReadMode = 'open' | 'view' | 'page' | 'download' | 'media';

export const FILE_AUDIT_ACTIONS = { view: 'file.view', download: 'file.download', trace: 'file.trace' } as const;

export type FileGrant = {
  fileId: string;
  itemId: string;
  projectId: string;
  versionId: string;
  version: number;
  name: string;
  contentType: string;
  size: number;
  /** The item's reference as the watermark shows it ("Deal terms item #3"): no title, no client name. */
  itemRef: string;
  /** The forensic code of this request, written into its audit event: it traces a leaked copy to this view. */
  code: string;
  at: Date;
  /** Whether this viewer may also download (view-only items: only the owning client). */
  mayDownload: boolean;
};

const PDF = 'application/pdf';
/** Images the watermark can be burned into (sharp decodes them). */
export const WATERMARKABLE_IMAGES = new Set([
  'image/png',
  'image/jpeg',
  'image/webp',
  'image/gif',
  'image/tiff',
  'image/avif',
]);
export const isMedia = (type: string) => type.startsWith('video/') || type.startsWith('audio/');
export const isWatermarked = (type: string) => type === PDF || WATERMARKABLE_IMAGES.has(type);

function servable(mode: FileReadMode, type: string, mayDownload: boolean): boolean {
  switch (mode) {
    case 'open': // the portal's viewer page: whatever can be shown in the browser
      return type === PDF || WATERMARKABLE_IMAGES.has(type) || isMedia(type);
    case 'view':
      return WATERMARKABLE_IMAGES.has(type) || (type === PDF && mayDownload);
    case 'page':
      return type === PDF;
    case 'media':
      return isMedia(type);
    case 'download':
      return true;
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Decides one read of a file and records it, in one short transaction (fail closed: if the audit event cannot be
 * written, nothing is served). `file.view` for views, page images and media; `file.download` for downloads.
 * Unknown files, hidden files, versions that are not ready and refusals all answer null (the route says 404,
 * byte-identical). The caller streams the bytes afterwards, through the blob store, as the same actor.
 */
export async function authorizeFileRead(
  actor: Actor,
  fileId: string,
  request: { mode: FileReadMode; version?: number | null; page?: number | null; range?: string | null },
  meta: RequestMeta,
  now = new Date(),
): Promise<FileGrant | null> {
  if (!UUID.test(fileId)) return null;
  const action = request.mode === 'download' ? FILE_AUDIT_ACTIONS.download : FILE_AUDIT_ACTIONS.view;
  // A refusal of any kind is null to the caller (the route's 404); its event commits with the work.
  const refused = notFoundError();
  try {
    return await withActor(
      actor,
      async ({ tx, audit, authorize, deny }) => {
        const [file] = await tx.select().from(files).where(eq(files.id, fileId));
        const loaded = file ? await loadFileItem(tx, actor, file.itemId) : null;
        const refusedEvent = {
          action,
          targetType: 'file' as const,
          targetId: file ? fileId : null,
          projectId: loaded?.project.id ?? null,
          details: { mode: request.mode },
        };
        if (!file || !loaded) return deny({ ...refusedEvent, reason: 'not_found' }, refused);
        const resource = { type: 'item_files', project: loaded.project, item: loaded.item } as const;
        authorize(action, resource, { ...refusedEvent, recordAllowed: false }, refused);
        // Row-level security is the second wall: an item whose content it hides is not served, whatever the policy
        // said.
        if (!loaded.row.content_visible) deny({ ...refusedEvent, reason: 'database_denied' }, refused);

        const [version] = await tx
          .select()
          .from(fileVersions)
          .where(
            and(
              eq(fileVersions.fileId, file.id),
              eq(fileVersions.state, 'ready'),
              request.version ? eq(fileVersions.version, request.version) : undefined,
            ),
          )
          .orderBy(desc(fileVersions.version))
          .limit(1);
        if (!version) return deny({ ...refusedEvent, reason: 'not_found' }, refused);
        const type = version.contentType ?? '';
        const mayDownload = can(actor, 'file.download', resource, now).allowed;
        // What each way out serves: views are watermarked PDFs (only where downloading is allowed: view-only PDFs are
        // shown as page images) and images; page images are of PDFs; media is video and audio.
        if (!servable(request.mode, type, mayDownload))
          deny(
            { ...refusedEvent, reason: request.mode === 'view' && type === PDF ? 'view_only' : 'not_servable' },
            refused,
          );

        const code = newForensicCode();
        audit({
          actorId: actor.id,
          action,
          targetType: 'file',
          targetId: fileId,
          projectId: loaded.project.id,
          outcome: 'allowed',
          reason: null,
          details: {
            code,
            mode: request.mode,
            itemId: file.itemId,
            versionId: version.id,
            version: version.version,
            ...(request.page != null ? { page: request.page } : {}),
            ...(request.range ? { range: request.range.slice(0, 100) } : {}),
          },
          meta,
        });
        return {
          fileId: file.id,
          itemId: file.itemId,
          projectId: loaded.project.id,
          versionId: version.id,
          version: version.version,
          name: openFileName(file),
          contentType: version.contentType ?? 'application/octet-stream',
          size: version.size ?? 0,
          itemRef: itemReference(loaded.row.category, Number(loaded.row.ref)),
          code,
          at: now,
          mayDownload,
        };
      },
      { meta, now },
    );
  } catch (error) {
    if (error === refused) return null;
    throw error;
  }
}
