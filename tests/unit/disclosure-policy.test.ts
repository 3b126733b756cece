/**
 * The disclosure register's policy (issue 15 points 1-3) as a table: every role × disabled × whose data × gag state
 * × action, against an oracle written from the words ("admins write and read; the owning client reads the
 * ones about their data unless gagged; others nothing"), not from policy.ts.
 */
import { describe, expect, it } from 'vitest';
import { can } from '@/lib/authz/policy';
import type { Actor, DisclosureAction, DisclosureFacts, UserRole } from '@/lib/authz/types';

const NOW = new Date('2026-11-30T12:00:00Z');
const PAST = new Date('2026-11-01T00:00:00Z');
const FUTURE = new Date('2027-03-01T00:00:00Z');
const OWNER = 'c0000000-0000-4000-8000-000000000001';
const COUNTERPARTY = 'c0000000-0000-4000-8000-000000000002';

const GAGS: Record<string, Omit<DisclosureFacts, 'clientAccountId'>> = {
  'not gagged': { gagged: false, gagUntil: null, gagLiftedAt: null },
  'gagged, no end date': { gagged: true, gagUntil: null, gagLiftedAt: null },
  'gagged until a future date': { gagged: true, gagUntil: FUTURE, gagLiftedAt: null },
  'gagged until a date now passed': { gagged: true, gagUntil: PAST, gagLiftedAt: null },
  'gagged, lifted by an admin': { gagged: true, gagUntil: FUTURE, gagLiftedAt: PAST },
};
const WHOSE = { 'their own account': [OWNER], 'the counterparty brand': [COUNTERPARTY], 'no account': [] } as const;
const ROLES: UserRole[] = ['admin', 'staff', 'contractor', 'client'];
const ACTIONS: DisclosureAction[] = ['disclosure.view', 'disclosure.record', 'disclosure.lift_gag'];

function expected(
  role: UserRole,
  disabled: boolean,
  whose: keyof typeof WHOSE,
  gag: string,
  action: DisclosureAction,
): boolean {
  if (disabled) return false;
  if (role === 'admin') return true;
  if (action !== 'disclosure.view' || role !== 'client' || whose !== 'their own account') return false;
  return !['gagged, no end date', 'gagged until a future date'].includes(gag);
}

const cases: { name: string; run: () => boolean; want: boolean }[] = [];
for (const role of ROLES)
  for (const disabled of [false, true])
    for (const whose of Object.keys(WHOSE) as (keyof typeof WHOSE)[])
      for (const gag of Object.keys(GAGS))
        for (const action of ACTIONS) {
          const actor: Actor = { id: 'u', role, disabled, clientAccountIds: role === 'client' ? WHOSE[whose] : [] };
          cases.push({
            name: `${role}${disabled ? ' (disabled)' : ''} in ${whose}, ${gag}: ${action}`,
            run: () =>
              can(actor, action, { type: 'disclosure', disclosure: { clientAccountId: OWNER, ...GAGS[gag]! } }, NOW)
                .allowed,
            want: expected(role, disabled, whose, gag, action),
          });
        }

describe('the disclosure register policy', () => {
  it(`agrees with the oracle in all ${cases.length} cases`, () => {
    const disagreements = cases
      .filter((c) => c.run() !== c.want)
      .map((c) => `${c.name}: expected ${c.want ? 'allow' : 'deny'}`);
    expect(disagreements).toEqual([]);
    expect(cases.length).toBe(4 * 2 * 3 * 5 * 3);
  });

  it('the register as a whole (no record): admins read, record and lift; nobody else', () => {
    for (const role of ROLES)
      for (const action of ACTIONS) {
        const actor: Actor = { id: 'u', role, disabled: false, clientAccountIds: role === 'client' ? [OWNER] : [] };
        expect(can(actor, action, { type: 'disclosure', disclosure: null }, NOW).allowed, `${role} ${action}`).toBe(
          role === 'admin',
        );
      }
  });

  it('says why: a gagged record is withheld from its client, another client is not its owner, staff are not admins', () => {
    const gagged = {
      type: 'disclosure' as const,
      disclosure: { clientAccountId: OWNER, ...GAGS['gagged, no end date']! },
    };
    expect(
      can({ id: 'n', role: 'client', disabled: false, clientAccountIds: [OWNER] }, 'disclosure.view', gagged, NOW),
    ).toEqual({ allowed: false, reason: 'disclosure_withheld' });
    expect(
      can(
        { id: 'b', role: 'client', disabled: false, clientAccountIds: [COUNTERPARTY] },
        'disclosure.view',
        gagged,
        NOW,
      ),
    ).toEqual({ allowed: false, reason: 'not_owner_client' });
    expect(
      can({ id: 's', role: 'staff', disabled: false, clientAccountIds: [] }, 'disclosure.record', gagged, NOW),
    ).toEqual({ allowed: false, reason: 'not_admin' });
  });
});
