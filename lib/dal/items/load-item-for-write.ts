import 'server-only';
import { can } from '@/lib/authz';
import { openContent, parseSealed } from '@/lib/crypto/item-content';
import type { AuditEntry } from '../audit';
import { loadItemWithFacts } from '../facts';
import type { Work } from '../transaction';

export type LoadedForWrite = NonNullable<Awaited<ReturnType<typeof loadItemWithFacts>>>;

/**
 * Loads the item for a write. When the actor may not even read it (or it is not there, or row-level security
 * hides its content), the denial of `action` is recorded and the work ends: the answer is "not found".
 */
export async function loadForWrite(
  { tx, actor, now, deny }: Work,
  itemId: string,
  action: AuditEntry['action'],
): Promise<LoadedForWrite> {
  const event = { action, targetType: 'item', targetId: itemId } as const;
  const loaded = actor ? await loadItemWithFacts(tx, actor, itemId) : null;
  if (!actor || !loaded) return deny({ ...event, projectId: null, reason: 'not_found' });
  const read = can(actor, 'item.read', { type: 'item', project: loaded.project, item: loaded.item }, now);
  if (!read.allowed || !loaded.row.content_visible) {
    return deny({ ...event, projectId: loaded.project.id, reason: read.allowed ? 'database_denied' : read.reason });
  }
  return loaded;
}

/** The stored content of a loaded row, decrypted: for writes that move content between plain and sealed. */
export const loadedContent = (row: { id: string; title: string | null; body: string | null; sealed: unknown }) =>
  openContent({ id: row.id, title: row.title, body: row.body, sealed: row.sealed ? parseSealed(row.sealed) : null });
