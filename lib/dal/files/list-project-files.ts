import 'server-only';
import { and, asc, eq, sql } from 'drizzle-orm';
import { files, fileVersions, itemDirectory, items } from '@/db/schema';
import { can, type Actor, type Classification, type ItemCategory } from '@/lib/authz';
import { openFileName } from '@/lib/files/names';
import { itemReference } from '@/lib/labels';
import { loadProjectFacts } from '../facts';
import { withActor } from '../transaction';

export type ProjectFile = {
  id: string;
  name: string;
  itemId: string;
  item: string;
  category: ItemCategory;
  classification: Classification;
  sharedWithCounterparty: boolean;
  downloadable: boolean;
  versions: number;
};

/**
 * The files of a project, for its owning client's "who can see it" page (`project.view_access`): each file with
 * its item (a file is opened by exactly the readers of its item) and whether it may be downloaded. Files of items
 * the client may not read are not listed (row-level security hides them, as it hides the items).
 */
export async function listProjectFiles(
  actor: Actor,
  projectId: string,
  now = new Date(),
): Promise<ProjectFile[] | null> {
  return withActor(actor, async ({ tx }) => {
    const facts = await loadProjectFacts(tx, actor, projectId);
    if (!facts || !can(actor, 'project.view_access', { type: 'project', project: facts }, now).allowed) return null;
    const rows = await tx
      .select({
        id: files.id,
        nameSealed: files.nameSealed,
        itemId: files.itemId,
        ref: itemDirectory.ref,
        category: itemDirectory.category,
        classification: itemDirectory.classification,
        shared: itemDirectory.sharedWithCounterparty,
        downloadable: items.filesDownloadable,
        versions: sql<number>`(select count(*)::int from ${fileVersions} v where v.file_id = ${files.id} and v.state = 'ready')`,
      })
      .from(files)
      .innerJoin(itemDirectory, eq(itemDirectory.id, files.itemId))
      .innerJoin(items, eq(items.id, files.itemId))
      .where(and(eq(itemDirectory.projectId, projectId)))
      .orderBy(asc(itemDirectory.ref), asc(files.createdAt));
    return rows
      .filter((r) => Number(r.versions) > 0)
      .map((r) => ({
        id: r.id,
        name: openFileName({ id: r.id, nameSealed: r.nameSealed }),
        itemId: r.itemId,
        item: itemReference(r.category, Number(r.ref)),
        category: r.category,
        classification: r.classification,
        sharedWithCounterparty: r.shared,
        downloadable: r.downloadable,
        versions: Number(r.versions),
      }));
  });
}
