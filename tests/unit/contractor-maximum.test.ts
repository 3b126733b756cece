/**
 * Issue 12 finding 8: a contractor's grant "with an expiry" could end in 9999. `checkGrant` now refuses an
 * expiry past the admin's maximum (default one year), counted in whole days to the end of the last one (UTC).
 * The expected answers are written out by hand from that sentence, not computed with the policy's helper.
 */
import { describe, expect, it } from 'vitest';
import { checkGrant, contractorExpiryLimit } from '@/lib/authz/policy';
import type { Actor, UserRole } from '@/lib/authz/types';

const NOW = new Date('2026-06-01T15:30:00Z');
const admin: Actor = { id: 'user-admin', role: 'admin', disabled: false, clientAccountIds: [] };
const grantee = (role: UserRole) => ({
  id: 'user-grantee',
  role,
  disabled: false,
  ndas: [{ clientAccountId: null, expiresAt: null, superseded: false }],
});
const check = (role: UserRole, expiresAt: string | null, contractorMaxDays?: number) =>
  checkGrant(
    admin,
    {
      grantee: grantee(role),
      clientAccountId: 'acct',
      expiresAt: expiresAt ? new Date(expiresAt) : null,
      contractorMaxDays,
    },
    NOW,
  );

describe('contractor grants end within the maximum', () => {
  it.each([
    // [role, expiry, maximum in days, allowed?]
    ['contractor', '9999-12-31T23:59:59.999Z', undefined, false],
    ['contractor', '2027-06-01T23:59:59.999Z', undefined, true], // the last day of the default year
    ['contractor', '2027-06-02T00:00:00.000Z', undefined, false],
    ['contractor', '2026-07-01T23:59:59.999Z', 30, true],
    ['contractor', '2026-07-02T23:59:59.999Z', 30, false],
    ['contractor', '2026-06-02T23:59:59.999Z', 1, true],
    ['staff', '9999-12-31T23:59:59.999Z', 30, true], // staff are not contractors: no maximum
    ['admin', '9999-12-31T23:59:59.999Z', 30, true],
  ] as const)('%s until %s (maximum %s days): allowed %s', (role, expiry, days, allowed) => {
    const decision = check(role, expiry, days);
    expect(decision.allowed).toBe(allowed);
    if (!allowed) expect(decision).toEqual({ allowed: false, reason: 'contractor_expiry_beyond_maximum' });
  });

  it('still needs an expiry at all, and says so first', () => {
    expect(check('contractor', null, 30)).toEqual({ allowed: false, reason: 'contractor_needs_expiry' });
  });

  it('names the last allowed moment', () => {
    expect(contractorExpiryLimit(NOW).toISOString()).toBe('2027-06-01T23:59:59.999Z');
    expect(contractorExpiryLimit(NOW, 30).toISOString()).toBe('2026-07-01T23:59:59.999Z');
  });
});
