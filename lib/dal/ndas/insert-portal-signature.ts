import 'server-only';
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { ndaSignatures, ndaVersions, users } from '@/db/schema';
import { isAgency } from '@/lib/authz';
import { matchesSignerName } from '@/lib/public-use/texts';
import { invalid, notFoundError } from '@/lib/errors';
import type { Work } from '../transaction';

/** What the signer typed and was shown; checked against the stored text and their account's name. */
export type Signing = {
  ndaVersionId: string;
  clientAccountId: string | null;
  expiresAt: Date | null;
  requestId: string | null;
  fullName: string;
  textSha256: string;
};

/** The part of a unit of work a signature needs (break-glass passes its own). */
export type SigningWork = Pick<Work, 'tx' | 'actor' | 'audit' | 'meta' | 'now'>;

/**
 * Inserts the signer's own portal signature: the exact text they were shown (its hash must match the stored
 * version), the name they typed (their account's), their IP and user agent, the time. Shared by answering a
 * sent NDA and by an admin signing their own at break-glass.
 */
export async function insertPortalSignature(work: SigningWork, signing: Signing) {
  const { tx, actor, audit, meta, now } = work;
  if (!actor || !isAgency(actor.role) || actor.disabled) throw notFoundError();
  const [version] = await tx
    .select({ id: ndaVersions.id, bodySha256: ndaVersions.bodySha256, version: ndaVersions.version })
    .from(ndaVersions)
    .where(eq(ndaVersions.id, signing.ndaVersionId));
  if (!version) throw notFoundError();
  if (signing.textSha256 !== version.bodySha256)
    throw invalid('The text changed since you opened it. Read it again before signing.');
  const [me] = await tx.select({ name: users.name }).from(users).where(eq(users.id, actor.id));
  const name = me?.name ?? '';
  if (!matchesSignerName(signing.fullName, name))
    throw invalid('Type your full name exactly as it appears on your account.', { fullName: [`Type “${name}”.`] });
  const id = randomUUID();
  await tx.insert(ndaSignatures).values({
    id,
    userId: actor.id,
    ndaVersionId: version.id,
    clientAccountId: signing.clientAccountId,
    signedAt: now,
    expiresAt: signing.expiresAt,
    ip: meta?.ip ?? null,
    userAgent: meta?.userAgent?.slice(0, 512) ?? null,
    method: 'portal',
    requestId: signing.requestId,
    signerName: name,
    signedTextSha256: version.bodySha256,
  });
  audit({
    actorId: actor.id,
    action: 'nda.sign',
    targetType: 'nda_signature',
    targetId: id,
    outcome: 'allowed',
    details: {
      version: version.version,
      requestId: signing.requestId,
      scope: signing.clientAccountId ? 'one_client' : 'all_clients',
    },
    meta,
  });
  return { id };
}
