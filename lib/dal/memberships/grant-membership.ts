import 'server-only';
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { memberships, projectDirectory } from '@/db/schema';
import type { Actor, Scope } from '@/lib/authz';
import { ndaCovers } from '@/lib/authz/policy';
import { invalid, notFoundError } from '@/lib/errors';
import type { RequestMeta } from '../audit';
import { assertAllowed } from '../guard';
import { notify } from '../notifications/notify';
import { withActor, type Work } from '../transaction';
import { enforceGrant, loadGrantee, type GrantOptions } from './load-grantee';
import { tellOwningClient } from './tell-owning-client';

export type GrantMembershipInput = {
  projectId: string;
  userId: string;
  role: 'lead' | 'member';
  scopes: Scope[];
  expiresAt?: Date | undefined;
};

export async function grantMembership(actor: Actor, input: GrantMembershipInput, meta: RequestMeta, now = new Date()) {
  assertAllowed(actor, 'membership.grant');
  return withActor(actor, (work) => grantMembershipTx(work, input), { meta, now });
}

/** A membership grant inside the caller's unit of work (also used when an admin approves an access request). */
export async function grantMembershipTx(work: Work, input: GrantMembershipInput, options: GrantOptions = {}) {
  const { tx, actor, audit, meta, now } = work;
  assertAllowed(actor, 'membership.grant');
  if (input.role === 'member' && input.scopes.length === 0)
    throw invalid('Choose at least one scope for a member.', { scopes: ['Choose at least one.'] });
  const [project] = await tx
    .select({ clientAccountId: projectDirectory.clientAccountId })
    .from(projectDirectory)
    .where(eq(projectDirectory.id, input.projectId));
  if (!project) throw notFoundError();
  const grantee = await loadGrantee(tx, input.userId);
  if (!grantee) throw invalid('Choose an existing person.', { userId: ['Choose a person.'] });
  const expiresAt = input.expiresAt ?? null;
  await enforceGrant(
    work,
    'membership.grant',
    { projectId: input.projectId, clientAccountId: project.clientAccountId, grantee, expiresAt },
    options,
  );

  const nda = grantee.ndas.find((n) => ndaCovers(n, project.clientAccountId, now))!;
  const id = randomUUID();
  await tx.insert(memberships).values({
    id,
    userId: grantee.id,
    projectId: input.projectId,
    role: input.role,
    scopes: input.role === 'lead' ? [] : input.scopes,
    ndaSignatureId: nda.id,
    grantedBy: actor.id,
    grantedAt: now,
    expiresAt,
  });
  audit({
    actorId: actor.id,
    action: 'membership.grant',
    targetType: 'user',
    targetId: grantee.id,
    projectId: input.projectId,
    outcome: 'allowed',
    details: { membershipId: id, role: input.role, scopes: input.role === 'lead' ? 'all' : input.scopes, expiresAt },
    meta,
  });
  await notify(tx, { kind: 'access.granted', userIds: [grantee.id], projectId: input.projectId, subject: id }, (r) => ({
    title: `Access granted: ${r.projectLabel}`,
    body: `You were granted ${input.role === 'lead' ? 'lead access' : `access (${input.scopes.join(', ')})`} to ${r.projectLabel}${expiresAt ? ` until ${expiresAt.toISOString().slice(0, 10)}` : ''}.`,
    href: `/projects/${input.projectId}`,
  }));
  const what = input.role === 'lead' ? 'as lead (every kind of data)' : `as a member (${input.scopes.join(', ')})`;
  await tellOwningClient(
    tx,
    { kind: 'access.granted', clientAccountId: project.clientAccountId, projectId: input.projectId, subject: id },
    (r, mention) => ({
      title: `New access to ${r.projectLabel}`,
      body: `${mention(grantee.id)} was granted access to ${r.projectLabel} ${what}${expiresAt ? ` until ${expiresAt.toISOString().slice(0, 10)}` : ''}, by ${mention(actor.id)}.`,
      href: `/projects/${input.projectId}/people`,
    }),
  );
  return { id };
}
