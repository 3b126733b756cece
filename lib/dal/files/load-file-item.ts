import 'server-only';
import { eq } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { items } from '@/db/schema';
import type { Actor, FileItemFacts, ProjectFacts } from '@/lib/authz';
import { loadItemWithFacts, type ItemRow } from '../facts';
import { isHandover } from '../items/is-handover';

export type FileItem = { row: ItemRow; project: ProjectFacts; item: FileItemFacts };

/**
 * An item as the file questions of the policy see it (`file.view`, `file.download`, `file.upload`): the item's
 * facts, whether a member of the owning client handed it over, and the lead's view-only / download setting.
 * Null when the item does not exist. The setting is read under row-level security: hidden reads as view-only.
 */
export async function loadFileItem(tx: Tx, actor: Actor, itemId: string): Promise<FileItem | null> {
  const loaded = await loadItemWithFacts(tx, actor, itemId);
  if (!loaded) return null;
  const [setting] = await tx.select({ downloadable: items.filesDownloadable }).from(items).where(eq(items.id, itemId));
  const handedOver = await isHandover(tx, loaded.project.id, loaded.item.authorId);
  return { ...loaded, item: { ...loaded.item, handedOver, filesDownloadable: setting?.downloadable === true } };
}
