/**
 * The SQL twin of the file questions of the policy (issue 13), over `items` joined to `projects`, as sql.ts is
 * for reading. Viewing a file is reading its item (`readableItemsWhere`). tests/integration/
 * policy-sql-agreement.test.ts checks these against `can()` and, for uploads, against row-level security.
 */
import { sql, type SQL } from 'drizzle-orm';
import { clientAccountMembers, items, projects } from '@/db/schema';
import { handedOverSql } from './handover';
import { readableItemsWhere } from './sql';
import type { Actor } from './types';

const ownerMember = (actor: Actor): SQL => sql`(${projects.clientAccountId} = any(array(select cm.client_account_id
  from ${clientAccountMembers} cm where cm.user_id = ${actor.id})))`;

/** Items whose files the actor may download (`file.download`): readable, and downloadable or their own client's. */
export function downloadableFilesWhere(actor: Actor, now: Date = new Date()): SQL {
  const owner = actor.role === 'client' ? ownerMember(actor) : sql`false`;
  return sql`(${readableItemsWhere(actor, now)} and (${items.filesDownloadable} or ${owner}))`;
}

/** Items the actor may add files to (`file.upload`): agency readers; the owning client on its own hand-overs. */
export function uploadableFilesWhere(actor: Actor, now: Date = new Date()): SQL {
  if (actor.role !== 'client') return readableItemsWhere(actor, now);
  return sql`(${readableItemsWhere(actor, now)} and ${ownerMember(actor)} and ${handedOverSql()})`;
}
