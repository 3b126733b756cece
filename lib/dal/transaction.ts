import 'server-only';
import { getDb, type Tx } from '@/db/client';
import type { Actor } from '@/lib/authz';

/**
 * Every DAL unit of work runs in one transaction on behalf of one actor, so an act and its audit event
 * commit together or not at all.
 */
export async function inTransaction<T>(_actor: Actor | null, work: (tx: Tx) => Promise<T>): Promise<T> {
  const db = await getDb();
  return db.transaction(work);
}
