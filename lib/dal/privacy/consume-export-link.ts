import 'server-only';
import { bindCredential } from '@/lib/dal/account/bind-credential';
import { and, eq, gt, isNull } from 'drizzle-orm';
import { privacyExports } from '@/db/schema';
import { open } from '@/lib/crypto/envelope';
import { sha256Hex } from '@/lib/crypto/tokens';
import { exportArchive, withFiles, type ExportData } from '@/lib/privacy/export-document';
import type { RequestMeta } from '../audit';
import { withActor } from '../transaction';
import { personFilesForLink } from './export-files';
import { context } from './export-link-facts';

export type ExportDownload = {
  filename: string;
  /** What the archive's export.json holds (with the files in it). */
  data: ExportData;
  /** The ZIP, streamed: the person's files are read, decrypted and checked only as the reader pulls them. */
  archive: AsyncGenerator<Uint8Array>;
};

/**
 * Downloads an export once: the link is claimed under a lock, its sealed payload opened and dropped, the person's
 * files found and the download audited, all in one transaction, so a second click (or a second person) gets
 * nothing. The files' bytes follow as the response is read (lib/dal/privacy/export-files.ts), for as long as a
 * large download takes (a day at most); a file that fails its checks cuts the download off.
 */
export async function consumeExportLink(
  token: string,
  meta: RequestMeta,
  now = new Date(),
): Promise<ExportDownload | null> {
  const tokenHash = sha256Hex(token);
  const claimed = await withActor(null, async ({ tx, audit }) => {
    await bindCredential(tx, { credential: tokenHash });
    const [row] = await tx
      .select()
      .from(privacyExports)
      .where(
        and(eq(privacyExports.tokenHash, tokenHash), isNull(privacyExports.usedAt), gt(privacyExports.expiresAt, now)),
      )
      .for('update');
    if (!row || !row.payload) return null;
    const payload = JSON.parse(open(row.payload, context(row.id))) as ExportData;
    await tx.update(privacyExports).set({ usedAt: now, payload: null }).where(eq(privacyExports.id, row.id));
    const { data, files } = withFiles(payload, await personFilesForLink(tx, tokenHash));
    const bytes = files.reduce((sum, f) => sum + f.size, 0);
    audit({
      actorId: null,
      action: 'privacy.export_downloaded',
      targetType: 'privacy_request',
      targetId: row.requestId,
      outcome: 'allowed',
      details: { recipient: row.recipient, files: files.length, bytes },
      meta,
    });
    return { data, files };
  });
  if (!claimed) return null;
  return {
    filename: `clearance-export-${claimed.data.request.ref}.zip`,
    data: claimed.data,
    archive: exportArchive(claimed.data, claimed.files),
  };
}
