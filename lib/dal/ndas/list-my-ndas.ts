import 'server-only';
import { and, desc, eq } from 'drizzle-orm';
import { clientAccounts, ndaRequests, ndaSignatures, ndaVersions } from '@/db/schema';
import { isAgency, type Actor } from '@/lib/authz';
import { withActor } from '../transaction';

/** The signer's own NDAs: those sent to them and waiting (with the exact text), and those they signed. */
export async function listMyNdas(actor: Actor) {
  if (!isAgency(actor.role) || actor.disabled) return { waiting: [], signed: [] };
  return withActor(actor, async ({ tx }) => {
    const waiting = await tx
      .select({
        id: ndaRequests.id,
        title: ndaVersions.title,
        version: ndaVersions.version,
        body: ndaVersions.body,
        bodySha256: ndaVersions.bodySha256,
        scope: clientAccounts.codename,
        expiresAt: ndaRequests.expiresAt,
        sentAt: ndaRequests.sentAt,
      })
      .from(ndaRequests)
      .innerJoin(ndaVersions, eq(ndaVersions.id, ndaRequests.ndaVersionId))
      .leftJoin(clientAccounts, eq(clientAccounts.id, ndaRequests.clientAccountId))
      .where(and(eq(ndaRequests.userId, actor.id), eq(ndaRequests.status, 'sent')))
      .orderBy(desc(ndaRequests.sentAt));
    const signed = await tx
      .select({
        id: ndaSignatures.id,
        title: ndaVersions.title,
        version: ndaVersions.version,
        scope: clientAccounts.codename,
        method: ndaSignatures.method,
        signedAt: ndaSignatures.signedAt,
        expiresAt: ndaSignatures.expiresAt,
        supersededAt: ndaSignatures.supersededAt,
      })
      .from(ndaSignatures)
      .innerJoin(ndaVersions, eq(ndaVersions.id, ndaSignatures.ndaVersionId))
      .leftJoin(clientAccounts, eq(clientAccounts.id, ndaSignatures.clientAccountId))
      .where(eq(ndaSignatures.userId, actor.id))
      .orderBy(desc(ndaSignatures.signedAt));
    return { waiting, signed };
  });
}
