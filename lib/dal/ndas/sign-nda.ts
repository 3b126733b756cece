import 'server-only';
import { randomUUID } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { ndaRequests, ndaSignatures, ndaVersions, users } from '@/db/schema';
import { isAgency, type Actor } from '@/lib/authz';
import { matchesSignerName } from '@/lib/authorizations/texts';
import { invalid, notFoundError } from '@/lib/errors';
import type { AuditEntry, RequestMeta } from '../audit';
import { notify } from '../notifications/notify';
import { withActor } from '../transaction';

export type SignNdaInput = { requestId: string; fullName: string; textSha256: string };

/** What the signer typed and was shown; checked against the stored text and their account's name. */
type Signing = {
  ndaVersionId: string;
  clientAccountId: string | null;
  expiresAt: Date | null;
  requestId: string | null;
  fullName: string;
  textSha256: string;
};

/**
 * Inserts the signer's own portal signature: the exact text they were shown (its hash must match the stored
 * version), the name they typed (their account's), their IP and user agent, the time. Shared by answering a
 * sent NDA and by an admin signing their own at break-glass.
 */
export async function insertPortalSignature(
  tx: Tx,
  audit: (entry: AuditEntry) => void,
  actor: Actor,
  signing: Signing,
  meta: RequestMeta,
  now: Date,
) {
  if (!isAgency(actor.role) || actor.disabled) throw notFoundError();
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
    ip: meta.ip,
    userAgent: meta.userAgent?.slice(0, 512) ?? null,
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

/** A request sent to the actor and still waiting (anyone else's is not found). */
async function openRequest(tx: Tx, actor: Actor, requestId: string) {
  const [request] = await tx
    .select()
    .from(ndaRequests)
    .where(and(eq(ndaRequests.id, requestId), eq(ndaRequests.userId, actor.id)));
  if (!request) throw notFoundError();
  if (request.status !== 'sent') throw invalid('This NDA has already been answered.');
  return request;
}

/** Moves a request out of `sent` once: a second answer (another tab, a double submit) is told it already moved. */
async function answer(
  tx: Tx,
  requestId: string,
  status: 'signed' | 'refused',
  now: Date,
  refusalReason: string | null = null,
) {
  const [row] = await tx
    .update(ndaRequests)
    .set({ status, decidedAt: now, refusalReason })
    .where(and(eq(ndaRequests.id, requestId), eq(ndaRequests.status, 'sent'), isNull(ndaRequests.decidedAt)))
    .returning({ sentBy: ndaRequests.sentBy });
  if (!row) throw invalid('This NDA has already been answered.');
  return row;
}

/** The person signs an NDA sent to them: the exact text they read, their typed name and consent (the form checks it). */
export async function signNda(actor: Actor, input: SignNdaInput, meta: RequestMeta, now = new Date()) {
  return withActor(actor, async ({ tx, audit }) => {
    const request = await openRequest(tx, actor, input.requestId);
    const signing = {
      ndaVersionId: request.ndaVersionId,
      clientAccountId: request.clientAccountId,
      expiresAt: request.expiresAt,
      requestId: request.id,
      fullName: input.fullName,
      textSha256: input.textSha256,
    };
    const { id } = await insertPortalSignature(tx, audit, actor, signing, meta, now);
    const { sentBy } = await answer(tx, request.id, 'signed', now);
    await notify(
      tx,
      { kind: 'nda.signed', userIds: [sentBy], projectId: null, subject: request.id },
      (_r, mention) => ({
        title: 'An NDA you sent was signed',
        body: `${mention(actor.id)} signed the NDA you sent in the portal.`,
        href: '/admin/ndas',
      }),
    );
    return { id };
  });
}

/** The person refuses an NDA sent to them, with a reason; the sender is told. */
export async function refuseNda(
  actor: Actor,
  input: { requestId: string; reason: string },
  meta: RequestMeta,
  now = new Date(),
) {
  await withActor(actor, async ({ tx, audit }) => {
    const request = await openRequest(tx, actor, input.requestId);
    const { sentBy } = await answer(tx, request.id, 'refused', now, input.reason);
    audit({
      actorId: actor.id,
      action: 'nda.refuse',
      targetType: 'nda_request',
      targetId: request.id,
      outcome: 'allowed',
      reason: input.reason,
      meta,
    });
    await notify(
      tx,
      { kind: 'nda.refused', userIds: [sentBy], projectId: null, subject: request.id },
      (_r, mention) => ({
        title: 'An NDA you sent was refused',
        body: `${mention(actor.id)} refused the NDA you sent. Reason given: ${input.reason}`,
        href: '/admin/ndas',
      }),
    );
  });
}
