import 'server-only';
import { can, type Actor } from '@/lib/authz';
import { withActor } from '../transaction';
import { loadFileItem } from './load-file-item';

export type ItemFileAccess = {
  /** The lead's setting: files may be downloaded (true) or only viewed. */
  downloadable: boolean;
  /** The actor may add files and new versions (`file.upload`). */
  mayUpload: boolean;
  /** The actor may change the setting (the lead's, as classification is). */
  maySetAccess: boolean;
};

/**
 * What the item page offers the actor for files, by the policy: the uploader and the lead's view-only / download
 * choice. Null when the actor may not read the item. The page's read of the item is already audited.
 */
export async function itemFileAccess(actor: Actor, itemId: string, now = new Date()): Promise<ItemFileAccess | null> {
  return withActor(actor, async ({ tx }) => {
    const loaded = await loadFileItem(tx, actor, itemId);
    if (!loaded || !loaded.row.content_visible) return null;
    const resource = { type: 'item_files' as const, project: loaded.project, item: loaded.item };
    if (!can(actor, 'file.view', resource, now).allowed) return null;
    return {
      downloadable: loaded.item.filesDownloadable,
      mayUpload: can(actor, 'file.upload', resource, now).allowed,
      maySetAccess: can(actor, 'item.classify', { type: 'item', project: loaded.project, item: loaded.item }, now)
        .allowed,
    };
  });
}
