import 'server-only';
import type { Actor } from '@/lib/authz';
import { readWhole } from '@/lib/files/serve';
import { pdfPageCount } from '@/lib/files/watermark';
import type { RequestMeta } from '../audit';
import { authorizeFileRead, type FileGrant } from './authorize-file-read';

export type FileViewer = { grant: FileGrant; kind: 'pdf' | 'image' | 'media'; pageCount: number };

/**
 * Opens the portal's viewer of one file version: an audited view (`file.view`, mode 'open'); for a PDF, the page
 * count is read from the decrypted PDF (its pages are then fetched as watermarked images, each audited). Null
 * when it may not be viewed in the browser (the page answers 404).
 */
export async function openFileViewer(
  actor: Actor,
  fileId: string,
  version: number | null,
  meta: RequestMeta,
): Promise<FileViewer | null> {
  const grant = await authorizeFileRead(actor, fileId, { mode: 'open', version }, meta);
  if (!grant) return null;
  if (grant.contentType === 'application/pdf') {
    const bytes = await readWhole(actor, grant);
    return bytes ? { grant, kind: 'pdf', pageCount: pdfPageCount(bytes) } : null;
  }
  return { grant, kind: grant.contentType.startsWith('image/') ? 'image' : 'media', pageCount: 0 };
}
