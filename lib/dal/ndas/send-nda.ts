import 'server-only';
import { randomUUID } from 'node:crypto';
import { and, desc, eq, gt } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { clientAccounts, ndaRequests, ndaVersions, users } from '@/db/schema';
import { checkNdaFor, type Actor } from '@/lib/authz';
import { invalid } from '@/lib/errors';
import type { AuditEntry, RequestMeta } from '../audit';
import { assertAllowed } from '../guard';
import { notify } from '../notifications/notify';
import { refuse, withActor } from '../transaction';

export type SendNdaInput = {
  userId: string;
  ndaVersionId: string;
  clientAccountId?: string | undefined;
  expiresAt?: Date | undefined;
};

const SEND_MESSAGES: Record<string, string> = {
  self_grant: 'You cannot send an NDA to yourself: another admin sends yours.',
  grantee_not_agency: 'Choose an active staff member or contractor.',
};

/** An admin sends the current version of an agreement to one person, who reads and signs it in the portal. */
export async function sendNda(actor: Actor, input: SendNdaInput, meta: RequestMeta, now = new Date()) {
  assertAllowed(actor, 'nda.manage');
  if (input.expiresAt && input.expiresAt <= now)
    throw invalid('The expiry must be in the future.', { expiresAt: ['In the future.'] });
  return withActor(actor, ({ tx, audit }) => sendNdaTx(tx, audit, actor, input, meta, now));
}

export async function sendNdaTx(
  tx: Tx,
  audit: (entry: AuditEntry) => void,
  actor: Actor,
  input: SendNdaInput,
  meta: RequestMeta,
  now: Date,
) {
  const [signer] = await tx
    .select({ id: users.id, role: users.role, disabledAt: users.disabledAt })
    .from(users)
    .where(eq(users.id, input.userId));
  if (!signer) throw invalid('Choose an active staff member or contractor.', { userId: ['Choose an agency person.'] });
  const decision = checkNdaFor(actor, {
    id: signer.id,
    role: signer.role,
    disabled: signer.disabledAt !== null,
  });
  if (!decision.allowed) {
    audit({
      actorId: actor.id,
      action: 'nda.send',
      targetType: 'user',
      targetId: signer.id,
      outcome: 'denied',
      reason: decision.reason,
      meta,
    });
    return refuse(
      invalid(SEND_MESSAGES[decision.reason] ?? 'This NDA cannot be sent.', {
        userId: [SEND_MESSAGES[decision.reason] ?? 'Choose someone else.'],
      }),
    );
  }
  const [version] = await tx
    .select({ id: ndaVersions.id, title: ndaVersions.title, version: ndaVersions.version })
    .from(ndaVersions)
    .where(eq(ndaVersions.id, input.ndaVersionId));
  if (!version) throw invalid('Choose an existing agreement version.', { ndaVersionId: ['Choose a version.'] });
  // Only the current version of an agreement is sent: an older text would be superseded or out of date.
  const [newer] = await tx
    .select({ id: ndaVersions.id })
    .from(ndaVersions)
    .where(and(eq(ndaVersions.title, version.title), gt(ndaVersions.version, version.version)))
    .limit(1);
  if (newer)
    throw invalid('Send the current version of this agreement.', { ndaVersionId: ['A newer version exists.'] });
  if (input.clientAccountId) {
    const [account] = await tx
      .select({ id: clientAccounts.id })
      .from(clientAccounts)
      .where(eq(clientAccounts.id, input.clientAccountId));
    if (!account) throw invalid('Choose an existing client account.', { clientAccountId: ['Choose a client.'] });
  }
  const id = randomUUID();
  await tx.insert(ndaRequests).values({
    id,
    userId: signer.id,
    ndaVersionId: version.id,
    clientAccountId: input.clientAccountId ?? null,
    expiresAt: input.expiresAt ?? null,
    sentBy: actor.id,
    sentAt: now,
  });
  audit({
    actorId: actor.id,
    action: 'nda.send',
    targetType: 'user',
    targetId: signer.id,
    outcome: 'allowed',
    details: {
      ndaRequestId: id,
      version: version.version,
      scope: input.clientAccountId ? 'one_client' : 'all_clients',
    },
    meta,
  });
  await notify(tx, { kind: 'nda.sent', userIds: [signer.id], projectId: null, subject: id }, () => ({
    title: `An NDA to read and sign: ${version.title} v${version.version}`,
    body: `Please read ${version.title} (version ${version.version}) in full, then sign it or refuse it.`,
    href: '/account/ndas',
  }));
  return { id };
}

/** The admins' view of what was sent and how it was answered. */
export async function listNdaRequests(actor: Actor) {
  assertAllowed(actor, 'nda.manage');
  return withActor(actor, ({ tx }) =>
    tx
      .select({
        id: ndaRequests.id,
        signer: users.name,
        agreement: ndaVersions.title,
        version: ndaVersions.version,
        scope: clientAccounts.codename,
        status: ndaRequests.status,
        sentAt: ndaRequests.sentAt,
        decidedAt: ndaRequests.decidedAt,
      })
      .from(ndaRequests)
      .innerJoin(users, eq(users.id, ndaRequests.userId))
      .innerJoin(ndaVersions, eq(ndaVersions.id, ndaRequests.ndaVersionId))
      .leftJoin(clientAccounts, eq(clientAccounts.id, ndaRequests.clientAccountId))
      .orderBy(desc(ndaRequests.sentAt))
      .limit(200),
  );
}
