import 'server-only';
import { desc, eq, sql } from 'drizzle-orm';
import type { Executor } from '@/db/client';
import { ndaSignatures, users } from '@/db/schema';
import { checkGrant, type DenyReason } from '@/lib/authz';
import { contractorExpiryLimit } from '@/lib/authz/policy';
import { DEFAULT_CONTRACTOR_MAX_DAYS } from '@/lib/authz/types';
import { invalid, notFoundError } from '@/lib/errors';
import type { AuditEntry } from '../audit';
import { loadContractorMaxDays } from '../settings/load-contractor-max-days';
import type { Work } from '../transaction';

/**
 * The person a grant is for, as the policy's grant check sees them (shared by memberships, the allowlist and
 * break-glass, so neither imports the other).
 */
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
  return { ...user, role: user.role, disabled: user.disabledAt !== null, ndas, contractorMaxDays };
}

export type Grantee = NonNullable<Awaited<ReturnType<typeof loadGrantee>>>;

const GRANT_MESSAGES: Partial<Record<DenyReason, string>> = {
  grantee_no_nda: 'No valid NDA covering this client is on file for this person. Send them the NDA to sign first.',
  contractor_needs_expiry: 'Contractor access always needs an expiry date.',
  grantee_not_agency: 'Only active staff and contractors can be granted project access.',
  expiry_in_past: 'The expiry date must be in the future.',
  self_grant:
    'You cannot grant yourself access. Ask for it at Access requests: another admin decides (or, as the only admin, use break-glass).',
};

/** What a refused grant answers, by the policy's reason. */
function grantRefusal(reason: string, contractorMaxDays: number | undefined, now: Date) {
  if (reason === 'contractor_expiry_beyond_maximum') {
    const latest = contractorExpiryLimit(now, contractorMaxDays).toISOString().slice(0, 10);
    return invalid(
      `Contractor access ends within ${contractorMaxDays ?? DEFAULT_CONTRACTOR_MAX_DAYS} days (the maximum in Settings): choose an expiry on or before ${latest}.`,
      { expiresAt: [`On or before ${latest}.`] },
    );
  }
  return invalid(GRANT_MESSAGES[reason as DenyReason] ?? 'This access cannot be granted.');
}

export type GrantOptions = {
  /** Runs before a refused grant ends the work (an access request approved in the same work is reopened). */
  onRefused?: () => Promise<unknown>;
};

/**
 * The policy's grant preconditions (NDA before access, contractors with an expiry): a refused grant is on the
 * record (its denial event commits) and ends the work with the reason's message. The allowed grant writes its own
 * event.
 */
export async function enforceGrant(
  work: Work,
  action: Extract<AuditEntry['action'], 'membership.grant' | 'allowlist.grant'>,
  grant: { projectId: string; clientAccountId: string; grantee: Grantee; expiresAt: Date | null },
  options: GrantOptions = {},
): Promise<void> {
  const { actor, now } = work;
  if (!actor) throw notFoundError();
  const { contractorMaxDays } = grant.grantee;
  const decision = checkGrant(
    actor,
    { grantee: grant.grantee, clientAccountId: grant.clientAccountId, expiresAt: grant.expiresAt, contractorMaxDays },
    now,
  );
  if (!decision.allowed) await options.onRefused?.();
  work.enforce(
    decision,
    { action, targetType: 'user', targetId: grant.grantee.id, projectId: grant.projectId, recordAllowed: false },
    (reason) => grantRefusal(reason, contractorMaxDays, now),
  );
}
