import 'server-only';
import { randomUUID } from 'node:crypto';
import { and, eq, gt } from 'drizzle-orm';
import { clientAccounts, ndaRequests, ndaVersions, users } from '@/db/schema';
import { checkNdaFor, type Actor } from '@/lib/authz';
import { invalid } from '@/lib/errors';
import type { RequestMeta } from '../audit';
import { assertAllowed } from '../guard';
import { notify } from '../notifications/notify';
import { withActor, type Work } from '../transaction';

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
  return withActor(actor, (work) => sendNdaTx(work, input), { meta, now });
}

/** Sends one NDA inside the caller's unit of work (also when a material new version is sent again). */
export async function sendNdaTx(work: Work, input: SendNdaInput) {
  const { tx, actor, audit, meta, now } = work;
  assertAllowed(actor, 'nda.manage');
  const [signer] = await tx
    .select({ id: users.id, role: users.role, disabledAt: users.disabledAt })
    .from(users)
    .where(eq(users.id, input.userId));
  if (!signer) throw invalid('Choose an active staff member or contractor.', { userId: ['Choose an agency person.'] });
  work.enforce(
    checkNdaFor(actor, {
      id: signer.id,
      role: signer.role,
      disabled: signer.disabledAt !== null,
    }),
    { action: 'nda.send', targetType: 'user', targetId: signer.id, recordAllowed: false },
    (reason) =>
      invalid(SEND_MESSAGES[reason] ?? 'This NDA cannot be sent.', {
        userId: [SEND_MESSAGES[reason] ?? 'Choose someone else.'],
      }),
  );
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
