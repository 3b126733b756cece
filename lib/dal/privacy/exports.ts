import 'server-only';
import { bindCredential } from '@/lib/dal/account/bind-credential';
import { randomUUID } from 'node:crypto';
import { and, eq, gt, isNull } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { privacyExports, privacyRequests } from '@/db/schema';
import { open, seal } from '@/lib/crypto/envelope';
import { randomToken, sha256Hex } from '@/lib/crypto/tokens';
import { exportEmail } from '@/lib/privacy/emails';
import { buildExportData, exportArchive, withFiles, type ExportData } from '@/lib/privacy/export-document';
import { formatRequestRef } from '@/lib/privacy/vocabulary';
import type { RequestMeta } from '../audit';
import { withActor } from '../transaction';
import { collectSubjectData } from './export-data';
import { personFilesForLink } from './export-files';
import { appOrigin } from '@/lib/dal/outbox/read-app-origin';
import { queueEmail } from '@/lib/dal/outbox/queue-email';

/** Export links work once and expire within five days. */
export const EXPORT_LINK_HOURS = 5 * 24;

const context = (exportId: string) => `privacy-export:${exportId}`;

type RequestRow = typeof privacyRequests.$inferSelect;

/**
 * Gathers the person's data now, seals it, and emails a single-use link to the person, and a separate one to
 * their agent only when the person allowed it. Returns how many links were sent.
 */
export async function createExportLinks(tx: Tx, request: RequestRow, actorId: string, now: Date): Promise<number> {
  const records = await collectSubjectData(tx, {
    userId: request.subjectUserId,
    email: request.subjectEmail,
    requestId: request.id,
  });
  const data = buildExportData({
    generatedAt: now,
    requestRef: formatRequestRef(request.ref),
    kind: request.kind,
    subjectId: request.subjectUserId,
    records,
  });
  const recipients: { to: string; recipient: 'subject' | 'agent' }[] = [
    { to: request.subjectEmail, recipient: 'subject' },
  ];
  if (request.agentEmail && request.agentMayReceive) recipients.push({ to: request.agentEmail, recipient: 'agent' });
  const expiresAt = new Date(now.getTime() + EXPORT_LINK_HOURS * 3_600_000);
  for (const r of recipients) {
    const id = randomUUID();
    const token = randomToken();
    await tx.insert(privacyExports).values({
      id,
      requestId: request.id,
      tokenHash: sha256Hex(token),
      recipient: r.recipient,
      payload: seal(JSON.stringify(data), context(id)),
      expiresAt,
      createdBy: actorId,
    });
    await queueEmail(tx, {
      to: r.to,
      ...exportEmail({ ref: request.ref, kind: request.kind }, `${appOrigin()}/privacy/export/${token}`, expiresAt),
    });
  }
  return recipients.length;
}

export type ExportLinkView = { ref: string; expiresAt: Date; state: 'ready' | 'used' | 'expired' };

/** What the download page shows before anything is consumed; null for an unknown token. */
export async function describeExportLink(token: string, now = new Date()): Promise<ExportLinkView | null> {
  const [row] = await withActor(null, async ({ tx }) => {
    await bindCredential(tx, { credential: sha256Hex(token) });
    return tx
      .select({ ref: privacyRequests.ref, expiresAt: privacyExports.expiresAt, usedAt: privacyExports.usedAt })
      .from(privacyExports)
      .innerJoin(privacyRequests, eq(privacyRequests.id, privacyExports.requestId))
      .where(eq(privacyExports.tokenHash, sha256Hex(token)));
  });
  if (!row) return null;
  const state = row.usedAt ? 'used' : row.expiresAt <= now ? 'expired' : 'ready';
  return { ref: formatRequestRef(row.ref), expiresAt: row.expiresAt, state };
}

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
