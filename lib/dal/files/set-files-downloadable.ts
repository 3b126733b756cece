import 'server-only';
import { eq } from 'drizzle-orm';
import { items } from '@/db/schema';
import { can, type Actor } from '@/lib/authz';
import { invalid, notFoundError } from '@/lib/errors';
import type { RequestMeta } from '../audit';
import { refuse, withActor } from '../transaction';
import { loadFileItem } from './load-file-item';

/** The audit actions of the setting; the owning client reads them in their history (lib/audit/catalogue.ts). */
export const FILES_SETTING_ACTIONS = { download: 'item.files_downloadable', viewOnly: 'item.files_view_only' } as const;

/**
 * The lead's per-item setting (issue 13, SPEC §11): the item's files may be downloaded, or only viewed
 * (watermarked, in the portal). Deciding it is the lead's, as classification is (`item.classify`); an item the
 * actor may not read answers not found. The change and its audit event commit together; the event is on the
 * item's project, so the owning client sees it in "Who did".
 */
export async function setFilesDownloadable(
  actor: Actor,
  input: { itemId: string; downloadable: boolean },
  meta: RequestMeta,
  now = new Date(),
): Promise<{ changed: boolean }> {
  return withActor(actor, async ({ tx, audit }) => {
    const action = input.downloadable ? FILES_SETTING_ACTIONS.download : FILES_SETTING_ACTIONS.viewOnly;
    const loaded = await loadFileItem(tx, actor, input.itemId);
    const read = loaded
      ? can(actor, 'file.view', { type: 'item_files', project: loaded.project, item: loaded.item }, now)
      : null;
    if (!loaded || !read?.allowed || !loaded.row.content_visible) {
      const reason = !loaded ? 'not_found' : read && !read.allowed ? read.reason : 'database_denied';
      audit({
        actorId: actor.id,
        action,
        targetType: 'item',
        targetId: input.itemId,
        projectId: loaded?.project.id ?? null,
        outcome: 'denied',
        reason,
        meta,
      });
      return refuse(notFoundError());
    }
    const { project, item } = loaded;
    const decision = can(actor, 'item.classify', { type: 'item', project, item }, now);
    if (!decision.allowed) {
      audit({
        actorId: actor.id,
        action,
        targetType: 'item',
        targetId: item.id,
        projectId: project.id,
        outcome: 'denied',
        reason: decision.reason,
        meta,
      });
      return refuse(invalid('Only the project lead can choose whether files are view-only or downloadable.'));
    }
    const changed = item.filesDownloadable !== input.downloadable;
    if (changed)
      await tx
        .update(items)
        .set({ filesDownloadable: input.downloadable, updatedAt: now })
        .where(eq(items.id, item.id));
    audit({
      actorId: actor.id,
      action,
      targetType: 'item',
      targetId: item.id,
      projectId: project.id,
      outcome: 'allowed',
      details: { filesDownloadable: input.downloadable, changed },
      meta,
    });
    return { changed };
  });
}
