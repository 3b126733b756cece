/**
 * The access-review policy (issue 15) as a table: every actor role × standing on the project × NDA × whose
 * grant × action, against an oracle written from the words rather than from lib/authz/reviews.ts.
 */
import { describe, expect, it } from 'vitest';
import { canReview, type ReviewAction } from '@/lib/authz/reviews';
import type { Actor, MembershipFact, NdaFact, ProjectFacts, UserRole } from '@/lib/authz/types';

const NOW = new Date('2026-11-30T12:00:00Z');
const PAST = new Date('2026-01-01T00:00:00Z');
const FUTURE = new Date('2027-06-01T00:00:00Z');
const CLIENT = 'c0000000-0000-4000-8000-000000000001';
const OTHER_CLIENT = 'c0000000-0000-4000-8000-000000000002';
const ME = 'a0000000-0000-4000-8000-000000000001';
const SOMEONE = 'a0000000-0000-4000-8000-000000000002';

const STANDINGS: Record<string, MembershipFact[]> = {
  none: [],
  'active lead': [{ role: 'lead', scopes: [], expiresAt: FUTURE, revokedAt: null }],
  'lead, no end date': [{ role: 'lead', scopes: [], expiresAt: null, revokedAt: null }],
  'expired lead': [{ role: 'lead', scopes: [], expiresAt: PAST, revokedAt: null }],
  'revoked lead': [{ role: 'lead', scopes: [], expiresAt: null, revokedAt: PAST }],
  'active member': [
    {
      role: 'member',
      scopes: ['deal_terms', 'logistics', 'creative', 'communications', 'credentials', 'identity'],
      expiresAt: null,
      revokedAt: null,
    },
  ],
};
const NDAS: Record<string, NdaFact[]> = {
  none: [],
  'all clients': [{ clientAccountId: null, expiresAt: null, superseded: false }],
  'this client': [{ clientAccountId: CLIENT, expiresAt: FUTURE, superseded: false }],
  'another client': [{ clientAccountId: OTHER_CLIENT, expiresAt: null, superseded: false }],
  expired: [{ clientAccountId: null, expiresAt: PAST, superseded: false }],
  superseded: [{ clientAccountId: null, expiresAt: null, superseded: true }],
};
const ROLES: UserRole[] = ['admin', 'staff', 'contractor', 'client'];
const ACTIONS: ReviewAction[] = ['review.view', 'review.open', 'review.decide', 'review.end'];

/** The oracle, from the issue: the lead (or an admin) reviews; nobody decides on their own grant; ending a review is an admin's. */
function expected(
  role: UserRole,
  disabled: boolean,
  standing: string,
  nda: string,
  grantee: 'mine' | 'other',
  action: ReviewAction,
): boolean {
  if (disabled) return false;
  const admin = role === 'admin';
  const leadsIt =
    role !== 'client' &&
    ['active lead', 'lead, no end date'].includes(standing) &&
    ['all clients', 'this client'].includes(nda);
  switch (action) {
    case 'review.end':
      return admin;
    case 'review.view':
    case 'review.open':
      return admin || leadsIt;
    case 'review.decide':
      return (admin || leadsIt) && grantee === 'other';
  }
}

const cases: { name: string; run: () => boolean; want: boolean }[] = [];
for (const role of ROLES)
  for (const disabled of [false, true])
    for (const standing of Object.keys(STANDINGS))
      for (const nda of Object.keys(NDAS))
        for (const grantee of ['mine', 'other'] as const)
          for (const action of ACTIONS) {
            const actor: Actor = { id: ME, role, disabled, clientAccountIds: role === 'client' ? [CLIENT] : [] };
            const project: ProjectFacts = {
              id: 'p',
              clientAccountId: CLIENT,
              counterpartyAccountId: null,
              memberships: STANDINGS[standing]!,
              ndas: NDAS[nda]!,
            };
            cases.push({
              name: `${role}${disabled ? ' (disabled)' : ''}, ${standing}, NDA ${nda}, ${grantee} grant: ${action}`,
              run: () =>
                canReview(actor, action, { project, granteeId: grantee === 'mine' ? ME : SOMEONE }, NOW).allowed,
              want: expected(role, disabled, standing, nda, grantee, action),
            });
          }

describe('the access-review policy', () => {
  it(`agrees with the oracle in all ${cases.length} cases`, () => {
    const disagreements = cases
      .filter((c) => c.run() !== c.want)
      .map((c) => `${c.name}: expected ${c.want ? 'allow' : 'deny'}`);
    expect(disagreements).toEqual([]);
    expect(cases.length).toBe(4 * 2 * 6 * 6 * 2 * 4);
  });

  it('says why: a lead on their own grant is refused as a self-grant, a non-lead as not the lead', () => {
    const project: ProjectFacts = {
      id: 'p',
      clientAccountId: CLIENT,
      counterpartyAccountId: null,
      memberships: STANDINGS['active lead']!,
      ndas: NDAS['all clients']!,
    };
    const lead: Actor = { id: ME, role: 'staff', disabled: false, clientAccountIds: [] };
    expect(canReview(lead, 'review.decide', { project, granteeId: ME }, NOW)).toEqual({
      allowed: false,
      reason: 'self_grant',
    });
    expect(
      canReview(
        { ...lead, id: SOMEONE },
        'review.decide',
        { project: { ...project, memberships: [] }, granteeId: ME },
        NOW,
      ),
    ).toEqual({ allowed: false, reason: 'not_lead' });
    expect(canReview(lead, 'review.end', { project }, NOW)).toEqual({ allowed: false, reason: 'not_admin' });
  });
});
