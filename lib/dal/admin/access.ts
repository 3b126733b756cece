import 'server-only';
import { randomUUID } from 'node:crypto';
import { and, asc, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Executor, Tx } from '@/db/client';
import {
  allowlistEntries,
  clientAccounts,
  itemDirectory,
  memberships,
  ndaSignatures,
  projectDirectory,
  users,
} from '@/db/schema';
import { checkGrant, type Actor, type AllowlistFact, type DenyReason, type Scope, type UserRole } from '@/lib/authz';
import {
  checkUndoRevocation,
  contractorExpiryLimit,
  isActiveAllowlistEntry,
  isActiveMembership,
  ndaCovers,
} from '@/lib/authz/policy';
import { DEFAULT_CONTRACTOR_MAX_DAYS } from '@/lib/authz/types';
import { invalid, notFoundError } from '@/lib/errors';
import { itemReference } from '@/lib/labels';
import type { AuditEntry, RequestMeta } from '../audit';
import { notify } from '../notifications/notify';
import { refuse, withActor } from '../transaction';
import { transition } from '../transition';
import { assertAllowed } from '../guard';
import { loadContractorMaxDays } from '../settings/load-contractor-max-days';
import { tellOwningClient } from './tell-client';

const GRANT_MESSAGES: Partial<Record<DenyReason, string>> = {
  grantee_no_nda: 'No valid NDA covering this client is on file for this person. Send them the NDA to sign first.',
  contractor_needs_expiry: 'Contractor access always needs an expiry date.',
  grantee_not_agency: 'Only active staff and contractors can be granted project access.',
  expiry_in_past: 'The expiry date must be in the future.',
  self_grant:
    'You cannot grant yourself access. Ask for it at Access requests: another admin decides (or, as the only admin, use break-glass).',
};

type MembershipState = 'active' | 'expired' | 'revoked';
export type AllowlistEntryState = MembershipState | 'pending' | 'refused';

/** Pending (waiting for the client) and refused entries give no access, whatever their dates say. */
export const allowlistEntryState = (e: AllowlistFact, now: Date): AllowlistEntryState =>
  e.revokedAt ? 'revoked' : e.status !== 'active' ? e.status : isActiveAllowlistEntry(e, now) ? 'active' : 'expired';

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
        revokedBy: memberships.revokedBy,
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
            status: allowlistEntries.status,
            grantedAt: allowlistEntries.grantedAt,
            expiresAt: allowlistEntries.expiresAt,
            revokedAt: allowlistEntries.revokedAt,
            revokedBy: allowlistEntries.revokedBy,
          })
          .from(allowlistEntries)
          .innerJoin(users, eq(users.id, allowlistEntries.userId))
          .where(
            inArray(
              allowlistEntries.itemId,
              highRisk.map((i) => i.id),
            ),
          )
          .orderBy(desc(allowlistEntries.grantedAt))
      : [];

    const candidates = await db
      .select({ id: users.id, name: users.name, role: users.role })
      .from(users)
      .where(and(inArray(users.role, ['admin', 'staff', 'contractor']), isNull(users.disabledAt)))
      .orderBy(asc(users.name));

    return {
      project,
      // A revocation this admin made within the minute can still be undone (issue 16): the row offers "Undo".
      memberships: memberRows.map((m) => ({
        ...m,
        state: stateOf(m, now),
        undoable: checkUndoRevocation(actor, m, now).allowed,
      })),
      highRiskItems: highRisk.map((i) => ({
        id: i.id,
        label: itemReference(i.category, i.ref),
        entries: entries
          .filter((e) => e.itemId === i.id)
          .map((e) => ({
            ...e,
            state: allowlistEntryState(e, now),
            undoable: checkUndoRevocation(actor, e, now).allowed,
          })),
      })),
      candidates,
    };
  });
}

export async function loadGrantee(tx: Executor, userId: string) {
  const [user] = await tx
    .select({ id: users.id, name: users.name, role: users.role, disabledAt: users.disabledAt })
    .from(users)
    .where(eq(users.id, userId));
  if (!user) return null;
  const ndas = await tx
    .select({
      id: ndaSignatures.id,
      clientAccountId: ndaSignatures.clientAccountId,
      expiresAt: ndaSignatures.expiresAt,
      signedAt: ndaSignatures.signedAt,
      superseded: sql<boolean>`${ndaSignatures.supersededAt} is not null`,
    })
    .from(ndaSignatures)
    .where(eq(ndaSignatures.userId, userId))
    .orderBy(desc(ndaSignatures.signedAt));
  // The longest a contractor's grant may run (the admin's setting): checked by the policy with the rest.
  const contractorMaxDays = user.role === 'contractor' ? await loadContractorMaxDays(tx) : undefined;
  return { ...user, role: user.role as UserRole, disabled: user.disabledAt !== null, ndas, contractorMaxDays };
}

/** The policy's grant preconditions (NDA before access, contractors with an expiry) as a refusal, or null. */
export function grantRefusal(
  actor: Actor,
  action: AuditEntry['action'],
  grant: {
    projectId: string;
    clientAccountId: string;
    grantee: NonNullable<Awaited<ReturnType<typeof loadGrantee>>>;
    expiresAt: Date | null;
  },
  audit: (entry: AuditEntry) => void,
  meta: RequestMeta,
  now: Date,
) {
  const { contractorMaxDays } = grant.grantee;
  const decision = checkGrant(
    actor,
    { grantee: grant.grantee, clientAccountId: grant.clientAccountId, expiresAt: grant.expiresAt, contractorMaxDays },
    now,
  );
  if (decision.allowed) return null;
  // The refused attempt is on the record too: the refusal commits its audit event, then answers.
  audit({
    actorId: actor.id,
    action,
    targetType: 'user',
    targetId: grant.grantee.id,
    projectId: grant.projectId,
    outcome: 'denied',
    reason: decision.reason,
    meta,
  });
  if (decision.reason === 'contractor_expiry_beyond_maximum') {
    const latest = contractorExpiryLimit(now, contractorMaxDays).toISOString().slice(0, 10);
    return refuse(
      invalid(
        `Contractor access ends within ${contractorMaxDays ?? DEFAULT_CONTRACTOR_MAX_DAYS} days (the maximum in Settings): choose an expiry on or before ${latest}.`,
        { expiresAt: [`On or before ${latest}.`] },
      ),
    );
  }
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
  return withActor(actor, ({ tx, audit }) => grantMembershipTx(tx, audit, actor, input, meta, now));
}

/** A membership grant inside the caller's transaction (also used when an admin approves an access request). */
export async function grantMembershipTx(
  tx: Tx,
  audit: (entry: AuditEntry) => void,
  actor: Actor,
  input: GrantMembershipInput,
  meta: RequestMeta,
  now: Date,
) {
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
  const refusal = grantRefusal(
    actor,
    'membership.grant',
    { projectId: input.projectId, clientAccountId: project.clientAccountId, grantee, expiresAt },
    audit,
    meta,
    now,
  );
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
  await notify(tx, { kind: 'access.granted', userIds: [grantee.id], projectId: input.projectId }, (r) => ({
    title: `Access granted: ${r.projectLabel}`,
    body: `You were granted ${input.role === 'lead' ? 'lead access' : `access (${input.scopes.join(', ')})`} to ${r.projectLabel}${expiresAt ? ` until ${expiresAt.toISOString().slice(0, 10)}` : ''}.`,
    href: `/projects/${input.projectId}`,
  }));
  const what = input.role === 'lead' ? 'as lead (every kind of data)' : `as a member (${input.scopes.join(', ')})`;
  await tellOwningClient(
    tx,
    { kind: 'access.granted', clientAccountId: project.clientAccountId, projectId: input.projectId },
    (r, mention) => ({
      title: `New access to ${r.projectLabel}`,
      body: `${mention(grantee.id)} was granted access to ${r.projectLabel} ${what}${expiresAt ? ` until ${expiresAt.toISOString().slice(0, 10)}` : ''}, by ${mention(actor.id)}.`,
      href: `/projects/${input.projectId}/people`,
    }),
  );
  return { id };
}

export async function revokeMembership(
  actor: Actor,
  input: { membershipId: string },
  meta: RequestMeta,
  now = new Date(),
) {
  assertAllowed(actor, 'membership.revoke');
  await withActor(actor, async ({ tx, audit }) => {
    // Two admins revoking at once: one revocation, one event, one notification (lib/dal/transition.ts).
    const row = await transition(tx, {
      table: memberships,
      row: eq(memberships.id, input.membershipId),
      from: isNull(memberships.revokedAt),
      set: { revokedAt: now, revokedBy: actor.id },
      returning: { userId: memberships.userId, projectId: memberships.projectId },
    });
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
    await notify(tx, { kind: 'access.revoked', userIds: [row.userId], projectId: row.projectId }, (r) => ({
      title: `Access revoked: ${r.projectLabel}`,
      body: `Your access to ${r.projectLabel} was revoked.`,
    }));
  });
}

export { grantAllowlistEntry, grantAllowlistTx, revokeAllowlistEntry, type GrantAllowlistInput } from './allowlist';
