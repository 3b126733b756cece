import 'server-only';
import { randomUUID } from 'node:crypto';
import type { Tx } from '@/db/client';
import { privacyExports, privacyRequests } from '@/db/schema';
import { seal } from '@/lib/crypto/envelope';
import { randomToken, sha256Hex } from '@/lib/crypto/tokens';
import { exportEmail } from '@/lib/privacy/emails';
import { buildExportData } from '@/lib/privacy/export-document';
import { formatRequestRef } from '@/lib/privacy/vocabulary';
import { collectSubjectData } from './export-data';
import { appOrigin } from '@/lib/dal/outbox/read-app-origin';
import { queueEmail } from '@/lib/dal/outbox/queue-email';
import { EXPORT_LINK_HOURS, context } from './export-link-facts';

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
