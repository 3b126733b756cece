import 'server-only';
import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import { auditEvents, files, fileVersions, users } from '@/db/schema';
import { can, type Actor } from '@/lib/authz';
import { openFileName } from '@/lib/files/names';
import { withActor } from '../transaction';
import { peopleLabeller } from '../clients/label-people';
import { isMedia, isWatermarked, FILE_AUDIT_ACTIONS } from './authorize-file-read';
import { loadFileItem } from './load-file-item';

export type FileVersionView = {
  version: number;
  size: number;
  contentType: string;
  uploadedAt: Date;
  uploadedBy: string;
};

export type FileView = {
  id: string;
  name: string;
  /** Newest first. */
  versions: FileVersionView[];
  kind: 'pdf' | 'image' | 'media' | 'other';
  /** Who viewed or downloaded which version, newest first — as far as the reader may see the audit log (their own
   *  reads; everyone's for the owning client and administrators). */
  reads: { person: string; version: number; action: 'viewed' | 'downloaded'; at: Date }[];
};

export type ItemFiles = {
  files: FileView[];
  /** The reader may download (the item is downloadable, or they are the owning client). */
  mayDownload: boolean;
  /** The item's setting: view-only (the lead's choice; high-risk items and hand-overs start so). */
  viewOnly: boolean;
};

const kindOf = (type: string): FileView['kind'] =>
  type === 'application/pdf' ? 'pdf' : isWatermarked(type) ? 'image' : isMedia(type) ? 'media' : 'other';

/**
 * The files of an item the actor may read (`file.view`), with their ready versions and who read which version.
 * Null when the actor may not see the item's files (the page shows no section). File names are opened only
 * after the policy allowed it. The item page's own `item.read` event records this page view.
 */
export async function listItemFiles(actor: Actor, itemId: string, now = new Date()): Promise<ItemFiles | null> {
  return withActor(actor, async ({ tx }) => {
    const loaded = await loadFileItem(tx, actor, itemId);
    if (!loaded || !loaded.row.content_visible) return null;
    const resource = { type: 'item_files', project: loaded.project, item: loaded.item } as const;
    if (!can(actor, 'file.view', resource, now).allowed) return null;
    const mayDownload = can(actor, 'file.download', resource, now).allowed;

    const fileRows = await tx.select().from(files).where(eq(files.itemId, itemId)).orderBy(asc(files.createdAt));
    const ids = fileRows.map((f) => f.id);
    const versionRows = ids.length
      ? await tx
          .select({
            fileId: fileVersions.fileId,
            version: fileVersions.version,
            size: fileVersions.size,
            contentType: fileVersions.contentType,
            at: fileVersions.finishedAt,
            createdAt: fileVersions.createdAt,
            uploader: users.name,
          })
          .from(fileVersions)
          .leftJoin(users, eq(users.id, fileVersions.uploadedBy))
          .where(and(inArray(fileVersions.fileId, ids), eq(fileVersions.state, 'ready')))
          .orderBy(desc(fileVersions.version))
      : [];
    const readRows = ids.length
      ? await tx
          .select({
            fileId: auditEvents.targetId,
            actorId: auditEvents.actorId,
            action: auditEvents.action,
            at: auditEvents.at,
            details: auditEvents.details,
          })
          .from(auditEvents)
          .where(
            and(
              eq(auditEvents.targetType, 'file'),
              inArray(auditEvents.targetId, ids),
              eq(auditEvents.outcome, 'allowed'),
              inArray(auditEvents.action, [FILE_AUDIT_ACTIONS.view, FILE_AUDIT_ACTIONS.download]),
            ),
          )
          .orderBy(desc(auditEvents.id))
          .limit(500)
      : [];
    const label = await peopleLabeller(
      tx,
      readRows.map((r) => r.actorId),
    );
    const accounts = [loaded.project.clientAccountId, loaded.project.counterpartyAccountId ?? null];

    const out: FileView[] = [];
    for (const file of fileRows) {
      const versions = versionRows
        .filter((v) => v.fileId === file.id)
        .map((v) => ({
          version: v.version,
          size: Number(v.size ?? 0),
          contentType: v.contentType ?? 'application/octet-stream',
          uploadedAt: v.at ?? v.createdAt,
          uploadedBy: v.uploader ?? 'Unknown account',
        }));
      if (versions.length === 0) continue; // still uploading: nothing to show yet
      // One line per person, version and way (viewed/downloaded): the latest time.
      const seen = new Set<string>();
      const reads: FileView['reads'] = [];
      for (const r of readRows.filter((r) => r.fileId === file.id)) {
        const version = Number((r.details as { version?: unknown } | null)?.version ?? 0);
        const action = r.action === FILE_AUDIT_ACTIONS.download ? 'downloaded' : 'viewed';
        const key = `${r.actorId}:${version}:${action}`;
        if (seen.has(key)) continue;
        seen.add(key);
        reads.push({ person: label(r.actorId, accounts), version, action, at: r.at });
      }
      out.push({ id: file.id, name: openFileName(file), versions, kind: kindOf(versions[0]!.contentType), reads });
    }
    return { files: out, mayDownload, viewOnly: !loaded.item.filesDownloadable };
  });
}
