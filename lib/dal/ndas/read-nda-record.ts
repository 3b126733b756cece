import 'server-only';
import { eq } from 'drizzle-orm';
import { clientAccounts, ndaRequests, ndaSignatures, ndaVersions, users } from '@/db/schema';
import { can, type Actor } from '@/lib/authz';
import { formatDateTime } from '@/lib/labels';
import type { RequestMeta } from '../audit';
import { withActor } from '../transaction';

/**
 * The signed NDA record as plain text, for the signer and the admins: the exact agreement text, its SHA-256,
 * who signed, how (in the portal, or on paper), when, from which IP and browser, what it covers and until when.
 * Every download is audited; anyone else gets not found, audited as denied.
 */
export async function getNdaRecordDocument(actor: Actor, signatureId: string, meta: RequestMeta) {
  return withActor(
    actor,
    async ({ tx, audit, deny }) => {
      const [row] = await tx
        .select({
          id: ndaSignatures.id,
          userId: ndaSignatures.userId,
          signerName: ndaSignatures.signerName,
          accountName: users.name,
          title: ndaVersions.title,
          version: ndaVersions.version,
          body: ndaVersions.body,
          bodySha256: ndaVersions.bodySha256,
          signedTextSha256: ndaSignatures.signedTextSha256,
          method: ndaSignatures.method,
          signedAt: ndaSignatures.signedAt,
          expiresAt: ndaSignatures.expiresAt,
          supersededAt: ndaSignatures.supersededAt,
          ip: ndaSignatures.ip,
          userAgent: ndaSignatures.userAgent,
          scope: clientAccounts.codename,
          sentAt: ndaRequests.sentAt,
        })
        .from(ndaSignatures)
        .innerJoin(users, eq(users.id, ndaSignatures.userId))
        .innerJoin(ndaVersions, eq(ndaVersions.id, ndaSignatures.ndaVersionId))
        .leftJoin(clientAccounts, eq(clientAccounts.id, ndaSignatures.clientAccountId))
        .leftJoin(ndaRequests, eq(ndaRequests.id, ndaSignatures.requestId))
        .where(eq(ndaSignatures.id, signatureId));
      const mayRead = row && (row.userId === actor.id || can(actor, 'nda.manage', { type: 'system' }).allowed);
      const entry = {
        action: 'nda.record_download',
        targetType: 'nda_signature',
        targetId: signatureId,
      } as const;
      if (!row || !mayRead) return deny({ ...entry, reason: 'not_signer' });
      audit({ ...entry, actorId: actor.id, outcome: 'allowed', meta });
      const lines = [
        'Clearance — signed NDA record',
        '',
        `Agreement: ${row.title}, version ${row.version}`,
        `Covers: ${row.scope ?? 'All clients'}`,
        `Signer: ${row.signerName ?? row.accountName}`,
        `Signed: ${formatDateTime(row.signedAt)} (UTC)`,
        `How: ${row.method === 'portal' ? 'signed by the signer in the portal (typed name and consent)' : 'recorded by an admin from a paper original'}`,
        ...(row.sentAt ? [`Sent to the signer: ${formatDateTime(row.sentAt)} (UTC)`] : []),
        `Signer's IP address: ${row.ip ?? 'not recorded'}`,
        `Signer's browser: ${row.userAgent ?? 'not recorded'}`,
        `Expires: ${row.expiresAt ? formatDateTime(row.expiresAt) : 'no expiry'}`,
        ...(row.supersededAt
          ? [`Superseded by a material new version: ${formatDateTime(row.supersededAt)} (UTC)`]
          : []),
        `SHA-256 of the text signed: ${row.signedTextSha256 ?? row.bodySha256}`,
        '',
        '--- The text signed ---',
        row.body,
        '',
      ];
      return { filename: `nda-${row.id}.txt`, body: lines.join('\n') };
    },
    { meta },
  );
}
