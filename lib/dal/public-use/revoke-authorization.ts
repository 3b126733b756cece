import 'server-only';
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { authorizations } from '@/db/schema';
import { can, type Actor } from '@/lib/authz';
import { revocationText, type PublicUseKind } from '@/lib/public-use/texts';
import { sha256Hex } from '@/lib/crypto/tokens';
import { invalid, notFoundError } from '@/lib/errors';
import type { RequestMeta } from '../audit';
import { withActor, type Work } from '../transaction';
import { loadClient } from './load-client';
import { signerName } from './load-authorization-request';
import { tellAgency } from './tell-agency-of-decision';

export type RevokeRecordInput = {
  record: {
    id: string;
    kind: string;
    clientAccountId: string;
    projectId: string | null;
    requestId: string | null;
    signedAt: Date;
  };
  clientName: string;
  reason: string;
};

/** Ends a signed record at once, by a new record; the old one is never changed. */
export async function revokeRecordTx(work: Work, input: RevokeRecordInput) {
  const { tx, actor, audit, meta, now } = work;
  const { record, clientName, reason } = input;
  if (!actor || !meta) throw new Error('A revocation is signed by someone, from a request.');
  const name = await signerName(tx, actor);
  const text = revocationText(record.kind as PublicUseKind, clientName, name, record.signedAt);
  const id = randomUUID();
  await tx.insert(authorizations).values({
    id,
    requestId: record.requestId,
    clientAccountId: record.clientAccountId,
    projectId: record.projectId,
    kind: record.kind as PublicUseKind,
    outcome: 'revoked',
    signedText: text,
    signedTextSha256: sha256Hex(text),
    signerUserId: actor.id,
    signerName: name,
    signedAt: now,
    ip: meta.ip,
    userAgent: meta.userAgent?.slice(0, 512) ?? null,
    revokesId: record.id,
    reason,
  });
  audit({
    actorId: actor.id,
    action: 'authorization.revoke',
    targetType: 'authorization',
    targetId: record.id,
    projectId: record.projectId,
    outcome: 'allowed',
    details: { kind: record.kind, revocationId: id },
    meta,
  });
  if (record.projectId) await tellAgency(tx, record.projectId, record.requestId, record.kind, 'revoked', record.id);
  return { id };
}

/** The client revokes one of their signed public-use permissions. */
export async function revokeAuthorization(
  actor: Actor,
  input: { recordId: string; reason: string },
  meta: RequestMeta,
  now = new Date(),
) {
  return withActor(
    actor,
    async (work) => {
      const { tx } = work;
      const [record] = await tx.select().from(authorizations).where(eq(authorizations.id, input.recordId));
      const client = record ? await loadClient(tx, record.clientAccountId) : null;
      if (!record || !client || !can(actor, 'authorization.revoke', { type: 'client_account', client }, now).allowed)
        throw notFoundError();
      if (record.kind === 'zero_public_association')
        throw invalid('Withdraw zero public association from your permissions page.');
      const [already] = await tx
        .select({ id: authorizations.id })
        .from(authorizations)
        .where(eq(authorizations.revokesId, record.id));
      if (record.outcome !== 'signed' || already)
        throw invalid('Only a signed authorization still in force can be revoked.');
      return revokeRecordTx(work, { record, clientName: client.name, reason: input.reason });
    },
    { meta, now },
  );
}
