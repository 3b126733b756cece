import 'server-only';
import { eq } from 'drizzle-orm';
import { items } from '@/db/schema';
import type { Actor } from '@/lib/authz';
import { invalid } from '@/lib/errors';
import type { RequestMeta } from '../audit';
import { withActor } from '../transaction';
import { loadFileItem } from './load-file-item';

/** The audit actions of the setting; the owning client reads them in their history (lib/audit/catalogue.ts). */
export const FILES_SETTING_ACTIONS = { download: 'item.files_downloadable', viewOnly: 'item.files_view_only' } as const;

/**
 * The lead's per-item setting (issue 13, docs/product.md §11): the item's files may be downloaded, or only viewed
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
  return withActor(
    actor,
    async ({ tx, audit, authorize, deny }) => {
      const action = input.downloadable ? FILES_SETTING_ACTIONS.download : FILES_SETTING_ACTIONS.viewOnly;
      const loaded = await loadFileItem(tx, actor, input.itemId);
      if (!loaded)
        return deny({ action, targetType: 'item', targetId: input.itemId, projectId: null, reason: 'not_found' });
      const { project, item } = loaded;
      const event = {
        action,
        targetType: 'item' as const,
        targetId: item.id,
        projectId: project.id,
        recordAllowed: false,
      };
      // An item the actor may not read answers not found.
      authorize('file.view', { type: 'item_files', project, item }, event);
      if (!loaded.row.content_visible) deny({ ...event, reason: 'database_denied' });
      authorize(
        'item.classify',
        { type: 'item', project, item },
        event,
        invalid('Only the project lead can choose whether files are view-only or downloadable.'),
      );
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
    },
    { meta, now },
  );
}
