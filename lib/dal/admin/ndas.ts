import 'server-only';
import { and, desc, eq, isNull, max, sql } from 'drizzle-orm';
import { clientAccounts, ndaSignatures, ndaVersions, users } from '@/db/schema';
import type { Actor } from '@/lib/authz';
import { sha256Hex } from '@/lib/crypto/tokens';
import { invalid } from '@/lib/errors';
import type { RequestMeta } from '../audit';
import { withActor } from '../transaction';
import { assertAllowed } from './guard';

export async function listNdaVersions(actor: Actor) {
  assertAllowed(actor, 'nda.manage');
  return withActor(actor, ({ tx }) => tx
    .select({ id: ndaVersions.id, title: ndaVersions.title, version: ndaVersions.version, bodySha256: ndaVersions.bodySha256, createdAt: ndaVersions.createdAt })
    .from(ndaVersions)
    .orderBy(ndaVersions.title, desc(ndaVersions.version)));
}

/** A new text under an existing title becomes its next version; old versions stay as signed. */
export async function createNdaVersion(actor: Actor, input: { title: string; body: string }, meta: RequestMeta) {
  assertAllowed(actor, 'nda.manage');
  return withActor(actor, async ({ tx, audit }) => {
    const [latest] = await tx.select({ version: max(ndaVersions.version) }).from(ndaVersions).where(eq(ndaVersions.title, input.title));
    const version = (latest?.version ?? 0) + 1;
    const [row] = await tx
      .insert(ndaVersions)
      .values({ title: input.title, version, body: input.body, bodySha256: sha256Hex(input.body), createdBy: actor.id })
      .returning({ id: ndaVersions.id });
    audit({ actorId: actor.id, action: 'nda.version_create', targetType: 'nda_version', targetId: row!.id, outcome: 'allowed', details: { version }, meta });
    return { id: row!.id, version };
  });
}

export async function listNdaSignatures(actor: Actor) {
  assertAllowed(actor, 'nda.manage');
  return withActor(actor, ({ tx }) => tx
    .select({
      id: ndaSignatures.id,
      signer: users.name,
      signerRole: users.role,
      agreement: sql<string>`${ndaVersions.title} || ' v' || ${ndaVersions.version}`,
      scope: sql<string>`coalesce(${clientAccounts.codename}, 'All clients')`,
      signedAt: ndaSignatures.signedAt,
      expiresAt: ndaSignatures.expiresAt,
      ip: ndaSignatures.ip,
    })
    .from(ndaSignatures)
    .innerJoin(users, eq(users.id, ndaSignatures.userId))
    .innerJoin(ndaVersions, eq(ndaVersions.id, ndaSignatures.ndaVersionId))
    .leftJoin(clientAccounts, eq(clientAccounts.id, ndaSignatures.clientAccountId))
    .orderBy(desc(ndaSignatures.signedAt)));
}

export type RecordSignatureInput = {
  userId: string;
  ndaVersionId: string;
  clientAccountId?: string | undefined;
  signedAt: Date;
  expiresAt?: Date | undefined;
  signerIp?: string | undefined;
  signerUserAgent?: string | undefined;
};

/** Records a signature collected for an agency person (staff or contractor). */
export async function recordNdaSignature(actor: Actor, input: RecordSignatureInput, meta: RequestMeta, now = new Date()) {
  assertAllowed(actor, 'nda.manage');
  if (input.signedAt > now) throw invalid('The signing date cannot be in the future.', { signedAt: ['Not in the future.'] });
  if (input.expiresAt && input.expiresAt <= input.signedAt) throw invalid('The expiry must come after the signing date.', { expiresAt: ['After the signing date.'] });
  return withActor(actor, async ({ tx, audit }) => {
    const [signer] = await tx.select({ role: users.role }).from(users).where(and(eq(users.id, input.userId), isNull(users.disabledAt)));
    if (!signer || signer.role === 'client') throw invalid('Choose an active staff member or contractor.', { userId: ['Choose an agency person.'] });
    const [version] = await tx.select({ id: ndaVersions.id }).from(ndaVersions).where(eq(ndaVersions.id, input.ndaVersionId));
    if (!version) throw invalid('Choose an existing agreement version.', { ndaVersionId: ['Choose a version.'] });
    const [row] = await tx
      .insert(ndaSignatures)
      .values({
        userId: input.userId,
        ndaVersionId: input.ndaVersionId,
        clientAccountId: input.clientAccountId ?? null,
        signedAt: input.signedAt,
        expiresAt: input.expiresAt ?? null,
        ip: input.signerIp ?? meta.ip,
        userAgent: input.signerUserAgent ?? meta.userAgent,
        recordedBy: actor.id,
      })
      .returning({ id: ndaSignatures.id });
    audit({
      actorId: actor.id,
      action: 'nda.signature_record',
      targetType: 'user',
      targetId: input.userId,
      outcome: 'allowed',
      details: { ndaSignatureId: row!.id, scope: input.clientAccountId ? 'one_client' : 'all_clients' },
      meta,
    });
    return { id: row!.id };
  });
}
