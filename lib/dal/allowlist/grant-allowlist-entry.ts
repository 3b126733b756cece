import 'server-only';
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { allowlistEntries, clientAccounts, itemDirectory, projectDirectory } from '@/db/schema';
import type { Actor } from '@/lib/authz';
import { invalid, notFoundError } from '@/lib/errors';
import { itemReference } from '@/lib/labels';
import type { RequestMeta } from '../audit';
import { assertAllowed } from '../guard';
import { enforceGrant, loadGrantee, type GrantOptions } from '../memberships/load-grantee';
import { tellOwningClient } from '../memberships/tell-owning-client';
import { owningClientAudience } from '../notifications/audience';
import { notify } from '../notifications/notify';
import { withActor, type Work } from '../transaction';

export type GrantAllowlistInput = { itemId: string; userId: string; reason: string; expiresAt?: Date | undefined };

export async function grantAllowlistEntry(
  actor: Actor,
  input: GrantAllowlistInput,
  meta: RequestMeta,
  now = new Date(),
) {
  assertAllowed(actor, 'allowlist.grant');
  return withActor(actor, (work) => grantAllowlistTx(work, input), { meta, now });
}

/**
 * A high-risk allowlist grant, inside the caller's transaction. When the owning client requires approval the
 * entry is `pending` and gives no access until a member of the client approves it (they are told); otherwise
 * it is `active` at once and the grantee is told.
 */
export async function grantAllowlistTx(work: Work, input: GrantAllowlistInput, options: GrantOptions = {}) {
  const { tx, actor, audit, meta, now } = work;
  assertAllowed(actor, 'allowlist.grant');
  const [item] = await tx
    .select({
      id: itemDirectory.id,
      ref: itemDirectory.ref,
      category: itemDirectory.category,
      projectId: itemDirectory.projectId,
      classification: itemDirectory.classification,
      clientAccountId: projectDirectory.clientAccountId,
      requiresApproval: clientAccounts.requiresHighRiskApproval,
    })
    .from(itemDirectory)
    .innerJoin(projectDirectory, eq(projectDirectory.id, itemDirectory.projectId))
    .innerJoin(clientAccounts, eq(clientAccounts.id, projectDirectory.clientAccountId))
    .where(eq(itemDirectory.id, input.itemId));
  if (!item) throw notFoundError();
  if (item.classification !== 'high_risk') throw invalid('Only high-risk items have an allowlist.');
  const grantee = await loadGrantee(tx, input.userId);
  if (!grantee) throw invalid('Choose an existing person.', { userId: ['Choose a person.'] });
  const expiresAt = input.expiresAt ?? null;
  await enforceGrant(
    work,
    'allowlist.grant',
    { projectId: item.projectId, clientAccountId: item.clientAccountId, grantee, expiresAt },
    options,
  );

  const id = randomUUID();
  const status = item.requiresApproval ? 'pending' : 'active';
  await tx.insert(allowlistEntries).values({
    id,
    userId: grantee.id,
    itemId: item.id,
    reason: input.reason,
    status,
    grantedBy: actor.id,
    grantedAt: now,
    expiresAt,
  });
  audit({
    actorId: actor.id,
    action: 'allowlist.grant',
    targetType: 'item',
    targetId: item.id,
    projectId: item.projectId,
    outcome: 'allowed',
    details: { allowlistEntryId: id, granteeId: grantee.id, expiresAt, status },
    reason: input.reason,
    meta,
  });
  const label = itemReference(item.category, item.ref);
  if (status === 'pending') {
    await notify(
      tx,
      {
        kind: 'highrisk.pending',
        userIds: await owningClientAudience(tx, item.projectId),
        projectId: item.projectId,
        subject: null,
      },
      (r, mention) => ({
        title: `Your approval is needed: high-risk access to ${label} in ${r.projectLabel}`,
        body: `${mention(grantee.id)} was granted high-risk access to ${label} in ${r.projectLabel}. Reason given: ${input.reason}. It gives no access until you approve it; you may refuse it with a reason.`,
        href: '/client',
      }),
    );
  } else {
    await notify(
      tx,
      { kind: 'access.granted', userIds: [grantee.id], projectId: item.projectId, subject: id },
      (r) => ({
        title: `High-risk access granted: ${label} in ${r.projectLabel}`,
        body: `You were put on the allowlist of ${label} in ${r.projectLabel}.`,
        href: `/items/${item.id}`,
      }),
    );
    // A pending grant already asks the client; an active one is told to them at once.
    await tellOwningClient(
      tx,
      { kind: 'access.granted', clientAccountId: item.clientAccountId, projectId: item.projectId, subject: id },
      (r, mention) => ({
        title: `New high-risk access: ${label} in ${r.projectLabel}`,
        body: `${mention(grantee.id)} was put on the allowlist of ${label} in ${r.projectLabel} by ${mention(actor.id)}${expiresAt ? ` until ${expiresAt.toISOString().slice(0, 10)}` : ''}. Reason given: ${input.reason}`,
        href: `/projects/${item.projectId}/people`,
      }),
    );
  }
  return { id, status };
}
