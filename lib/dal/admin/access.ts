import 'server-only';
import { randomUUID } from 'node:crypto';
import { and, asc, desc, eq, inArray, isNull } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { allowlistEntries, clientAccounts, itemDirectory, memberships, ndaSignatures, projectDirectory, users } from '@/db/schema';
import { checkGrant, type Actor, type DenyReason, type Scope, type UserRole } from '@/lib/authz';
import { isActiveAllowlistEntry, isActiveMembership, ndaCovers } from '@/lib/authz/policy';
import { invalid, notFoundError } from '@/lib/errors';
import { itemReference } from '@/lib/labels';
import type { RequestMeta } from '../audit';
import { refuse, withActor } from '../transaction';
import { assertAllowed } from './guard';

const GRANT_MESSAGES: Partial<Record<DenyReason, string>> = {
  grantee_no_nda: 'No valid NDA covering this client is on file for this person. Record their signed NDA first.',
  contractor_needs_expiry: 'Contractor access always needs an expiry date.',
  grantee_not_agency: 'Only active staff and contractors can be granted project access.',
  expiry_in_past: 'The expiry date must be in the future.',
};

type MembershipState = 'active' | 'expired' | 'revoked';

const stateOf = (row: { expiresAt: Date | null; revokedAt: Date | null }, now: Date): MembershipState =>
  row.revokedAt ? 'revoked' : isActiveMembership({ role: 'member', scopes: [], ...row }, now) ? 'active' : 'expired';

/** Who holds access to one project, by name and role; items appear by category and reference, never by title. */
export async function getProjectAccess(actor: Actor, projectId: string, now = new Date()) {
  assertAllowed(actor, 'membership.grant');
  return withActor(actor, async ({ tx: db }) => {
  const [project] = await db
    .select({ id: projectDirectory.id, codename: projectDirectory.codename, ownerCodename: clientAccounts.codename })
    .from(projectDirectory)
    .innerJoin(clientAccounts, eq(clientAccounts.id, projectDirectory.clientAccountId))
    .where(eq(projectDirectory.id, projectId));
  if (!project) return null;

  const memberRows = await db
    .select({
      id: memberships.id,
      userId: users.id,
      userName: users.name,
      userRole: users.role,
      role: memberships.role,
      scopes: memberships.scopes,
      grantedAt: memberships.grantedAt,
      expiresAt: memberships.expiresAt,
      revokedAt: memberships.revokedAt,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.projectId, projectId))
    .orderBy(desc(memberships.grantedAt));

  const highRisk = await db
    .select({ id: itemDirectory.id, ref: itemDirectory.ref, category: itemDirectory.category })
    .from(itemDirectory)
    .where(and(eq(itemDirectory.projectId, projectId), eq(itemDirectory.classification, 'high_risk')))
    .orderBy(asc(itemDirectory.ref));
  const entries = highRisk.length
    ? await db
        .select({
          id: allowlistEntries.id,
          itemId: allowlistEntries.itemId,
          userName: users.name,
          reason: allowlistEntries.reason,
          grantedAt: allowlistEntries.grantedAt,
          expiresAt: allowlistEntries.expiresAt,
          revokedAt: allowlistEntries.revokedAt,
        })
        .from(allowlistEntries)
        .innerJoin(users, eq(users.id, allowlistEntries.userId))
        .where(inArray(allowlistEntries.itemId, highRisk.map((i) => i.id)))
        .orderBy(desc(allowlistEntries.grantedAt))
    : [];

  const candidates = await db
    .select({ id: users.id, name: users.name, role: users.role })
    .from(users)
    .where(and(inArray(users.role, ['admin', 'staff', 'contractor']), isNull(users.disabledAt)))
    .orderBy(asc(users.name));

  return {
    project,
    memberships: memberRows.map((m) => ({ ...m, state: stateOf(m, now) })),
    highRiskItems: highRisk.map((i) => ({
      id: i.id,
      label: itemReference(i.category, i.ref),
      entries: entries
        .filter((e) => e.itemId === i.id)
        .map((e) => ({ ...e, state: e.revokedAt ? 'revoked' : isActiveAllowlistEntry(e, now) ? 'active' : 'expired' })),
    })),
    candidates,
  };
  });
}

async function loadGrantee(tx: Executor, userId: string) {
  const [user] = await tx.select({ id: users.id, name: users.name, role: users.role, disabledAt: users.disabledAt }).from(users).where(eq(users.id, userId));
  if (!user) return null;
  const ndas = await tx
    .select({ id: ndaSignatures.id, clientAccountId: ndaSignatures.clientAccountId, expiresAt: ndaSignatures.expiresAt, signedAt: ndaSignatures.signedAt })
    .from(ndaSignatures)
    .where(eq(ndaSignatures.userId, userId))
    .orderBy(desc(ndaSignatures.signedAt));
  return { ...user, role: user.role as UserRole, disabled: user.disabledAt !== null, ndas };
}

/** The policy's grant preconditions (NDA before access, contractors with an expiry) as a refusal, or null. */
function grantRefusal(
  actor: Actor,
  action: string,
  grant: { projectId: string; clientAccountId: string; grantee: NonNullable<Awaited<ReturnType<typeof loadGrantee>>>; expiresAt: Date | null },
  audit: (entry: import('../audit').AuditEntry) => void,
  meta: RequestMeta,
  now: Date,
) {
  const decision = checkGrant(actor, { grantee: grant.grantee, clientAccountId: grant.clientAccountId, expiresAt: grant.expiresAt }, now);
  if (decision.allowed) return null;
  // The refused attempt is on the record too: the refusal commits its audit event, then answers.
  audit({ actorId: actor.id, action, targetType: 'user', targetId: grant.grantee.id, projectId: grant.projectId, outcome: 'denied', reason: decision.reason, meta });
  return refuse(invalid(GRANT_MESSAGES[decision.reason] ?? 'This access cannot be granted.'));
}

export type GrantMembershipInput = {
  projectId: string;
  userId: string;
  role: 'lead' | 'member';
  scopes: Scope[];
  expiresAt?: Date | undefined;
};

export async function grantMembership(actor: Actor, input: GrantMembershipInput, meta: RequestMeta, now = new Date()) {
  assertAllowed(actor, 'membership.grant');
  if (input.role === 'member' && input.scopes.length === 0) throw invalid('Choose at least one scope for a member.', { scopes: ['Choose at least one.'] });
  return withActor(actor, async ({ tx, audit }) => {
    const [project] = await tx.select({ clientAccountId: projectDirectory.clientAccountId }).from(projectDirectory).where(eq(projectDirectory.id, input.projectId));
    if (!project) throw notFoundError();
    const grantee = await loadGrantee(tx, input.userId);
    if (!grantee) throw invalid('Choose an existing person.', { userId: ['Choose a person.'] });
    const expiresAt = input.expiresAt ?? null;
    const refusal = grantRefusal(actor, 'membership.grant', { projectId: input.projectId, clientAccountId: project.clientAccountId, grantee, expiresAt }, audit, meta, now);
    if (refusal) return refusal;

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
    return { id };
  });
}

export async function revokeMembership(actor: Actor, input: { membershipId: string }, meta: RequestMeta, now = new Date()) {
  assertAllowed(actor, 'membership.revoke');
  await withActor(actor, async ({ tx, audit }) => {
    const [row] = await tx
      .update(memberships)
      .set({ revokedAt: now, revokedBy: actor.id })
      .where(and(eq(memberships.id, input.membershipId), isNull(memberships.revokedAt)))
      .returning({ userId: memberships.userId, projectId: memberships.projectId });
    if (!row) throw invalid('This access is already revoked or does not exist.');
    audit({
      actorId: actor.id,
      action: 'membership.revoke',
      targetType: 'user',
      targetId: row.userId,
      projectId: row.projectId,
      outcome: 'allowed',
      details: { membershipId: input.membershipId },
      meta,
    });
  });
}

export type GrantAllowlistInput = { itemId: string; userId: string; reason: string; expiresAt?: Date | undefined };

export async function grantAllowlistEntry(actor: Actor, input: GrantAllowlistInput, meta: RequestMeta, now = new Date()) {
  assertAllowed(actor, 'allowlist.grant');
  return withActor(actor, async ({ tx, audit }) => {
    const [item] = await tx
      .select({ id: itemDirectory.id, projectId: itemDirectory.projectId, classification: itemDirectory.classification, clientAccountId: projectDirectory.clientAccountId })
      .from(itemDirectory)
      .innerJoin(projectDirectory, eq(projectDirectory.id, itemDirectory.projectId))
      .where(eq(itemDirectory.id, input.itemId));
    if (!item) throw notFoundError();
    if (item.classification !== 'high_risk') throw invalid('Only high-risk items have an allowlist.');
    const grantee = await loadGrantee(tx, input.userId);
    if (!grantee) throw invalid('Choose an existing person.', { userId: ['Choose a person.'] });
    const expiresAt = input.expiresAt ?? null;
    const refusal = grantRefusal(actor, 'allowlist.grant', { projectId: item.projectId, clientAccountId: item.clientAccountId, grantee, expiresAt }, audit, meta, now);
    if (refusal) return refusal;

    const id = randomUUID();
    await tx.insert(allowlistEntries).values({ id, userId: grantee.id, itemId: item.id, reason: input.reason, grantedBy: actor.id, grantedAt: now, expiresAt });
    audit({
      actorId: actor.id,
      action: 'allowlist.grant',
      targetType: 'item',
      targetId: item.id,
      projectId: item.projectId,
      outcome: 'allowed',
      details: { allowlistEntryId: id, granteeId: grantee.id, expiresAt },
      reason: input.reason,
      meta,
    });
    return { id };
  });
}

export async function revokeAllowlistEntry(actor: Actor, input: { entryId: string }, meta: RequestMeta, now = new Date()) {
  assertAllowed(actor, 'allowlist.revoke');
  await withActor(actor, async ({ tx, audit }) => {
    const [row] = await tx
      .update(allowlistEntries)
      .set({ revokedAt: now, revokedBy: actor.id })
      .where(and(eq(allowlistEntries.id, input.entryId), isNull(allowlistEntries.revokedAt)))
      .returning({ itemId: allowlistEntries.itemId, userId: allowlistEntries.userId });
    if (!row) throw invalid('This entry is already revoked or does not exist.');
    const [item] = await tx.select({ projectId: itemDirectory.projectId }).from(itemDirectory).where(eq(itemDirectory.id, row.itemId));
    audit({
      actorId: actor.id,
      action: 'allowlist.revoke',
      targetType: 'item',
      targetId: row.itemId,
      projectId: item?.projectId ?? null,
      outcome: 'allowed',
      details: { allowlistEntryId: input.entryId, granteeId: row.userId },
      meta,
    });
  });
}
