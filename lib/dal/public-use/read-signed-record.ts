import 'server-only';
import { eq } from 'drizzle-orm';
import { authorizations, projectDirectory } from '@/db/schema';
import { can, type Actor } from '@/lib/authz';
import { KIND_LABELS } from '@/lib/public-use/texts';
import { sha256Hex } from '@/lib/crypto/tokens';
import type { RequestMeta } from '../audit';
import { loadProjectFacts } from '../facts';
import { notFoundError } from '@/lib/errors';
import { withActor } from '../transaction';
import { loadClient } from './load-client';

const stamp = (d: Date | null) => (d ? d.toISOString() : '—');

/**
 * The signed record as a plain-text document, for both parties (the client, and agency people who may see the
 * client's identity): the exact text, its SHA-256 (recomputed, so a reader can check it), the signer, time, IP,
 * user agent, expiry, and any revocation. Downloading is audited. Null when the actor may not have it.
 */
export async function getSignedRecordDocument(actor: Actor, recordId: string, meta: RequestMeta, now = new Date()) {
  // The denial commits its event, then this refusal ends the work and is answered here as null (as before).
  const notHers = notFoundError();
  return withActor(
    actor,
    async ({ tx, audit, deny }) => {
      // A refused download is on the record too, like any other denied read; it answers as "not found".
      const refused = (projectId: string | null) =>
        deny(
          {
            action: 'authorization.download',
            targetType: 'authorization',
            targetId: recordId,
            projectId,
            reason: 'not_found',
          },
          notHers,
        );
      const [record] = await tx.select().from(authorizations).where(eq(authorizations.id, recordId));
      if (!record) return refused(null);
      const client = await loadClient(tx, record.clientAccountId);
      if (!client) return refused(null);
      let projectCodename: string | null = null;
      if (record.projectId) {
        const project = await loadProjectFacts(tx, actor, record.projectId);
        if (!project || !can(actor, 'authorization.view_record', { type: 'public_use', project, client }, now).allowed)
          return refused(project ? project.id : null);
        const [row] = await tx
          .select({ codename: projectDirectory.codename })
          .from(projectDirectory)
          .where(eq(projectDirectory.id, record.projectId));
        projectCodename = row?.codename ?? null;
      } else if (!can(actor, 'client.manage_permissions', { type: 'client_account', client }, now).allowed) {
        return refused(null);
      }
      const [revocation] = await tx.select().from(authorizations).where(eq(authorizations.revokesId, record.id));
      audit({
        actorId: actor.id,
        action: 'authorization.download',
        targetType: 'authorization',
        targetId: record.id,
        projectId: record.projectId,
        outcome: 'allowed',
        meta,
      });
      const lines = [
        `Clearance — written authorization record ${record.id}`,
        '',
        `Kind: ${KIND_LABELS[record.kind]}`,
        `Outcome: ${record.outcome}`,
        `Client: ${client.name}`,
        `Project: ${projectCodename ?? 'the whole account'}`,
        ...(record.publicTitle ? [`Approved public title: ${record.publicTitle}`] : []),
        ...(record.publicSummary ? [`Approved public summary: ${record.publicSummary}`] : []),
        `Signed by: ${record.signerName}`,
        `Signed at: ${stamp(record.signedAt)}`,
        `IP address: ${record.ip ?? '—'}`,
        `User agent: ${record.userAgent ?? '—'}`,
        `Expires: ${record.expiresAt ? stamp(record.expiresAt) : 'no expiry (until revoked)'}`,
        ...(record.reason ? [`Reason: ${record.reason}`] : []),
        ...(record.revokesId ? [`Revokes record: ${record.revokesId}`] : []),
        revocation
          ? `Revoked: ${stamp(revocation.signedAt)} by ${revocation.signerName} (record ${revocation.id})`
          : 'Revoked: no',
        '',
        `SHA-256 of the text below: ${record.signedTextSha256}`,
        `(recomputed now: ${sha256Hex(record.signedText)})`,
        '',
        '----- exact text -----',
        record.signedText,
        '----- end of text -----',
        '',
      ];
      return { filename: `authorization-${record.id}.txt`, body: lines.join('\n') };
    },
    { meta, now },
  ).catch((error: unknown) => {
    if (error === notHers) return null;
    throw error;
  });
}
