import 'server-only';
import type { Actor } from '@/lib/authz';
import { withActor } from '../transaction';
import { loadVersion } from './internal';

export type UploadStatus = {
  fileId: string;
  versionId: string;
  version: number;
  state: 'uploading' | 'ready';
  /** The durable offset: where a resumed upload continues. */
  received: number;
  declaredSize: number | null;
  contentType: string | null;
  uploadedBy: string;
};

/** Where an upload stands (tus HEAD), as the actor may see it; null when hidden or unknown. */
export async function getUpload(actor: Actor, versionId: string): Promise<UploadStatus | null> {
  const v = await withActor(actor, ({ tx }) => loadVersion(tx, versionId));
  if (!v) return null;
  return {
    fileId: v.fileId,
    versionId: v.id,
    version: v.version,
    state: v.state,
    received: v.received,
    declaredSize: v.declaredSize,
    contentType: v.contentType,
    uploadedBy: v.uploadedBy,
  };
}
