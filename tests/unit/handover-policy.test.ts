/**
 * Table test of the client's say over their hand-overs (docs/product.md §4, §14; issue 12 finding 3), beside the policy
 * table test. The oracle below reads the scenario's labels ("author: owning client", "to: shared") and the
 * sentence of the SPEC, never the policy's facts or code; `decideClassify` gets facts built separately.
 */
import { describe, expect, it } from 'vitest';
import { decideClassify, handoverChangeNeedsApproval } from '@/lib/authz/handover';
import type { Actor, Classification, ItemFacts, ProjectFacts } from '@/lib/authz/types';

const NOW = new Date('2026-06-01T00:00:00Z');
const OWNER = 'acct-owner';

type Author = 'owning client' | 'agency staff' | 'counterparty client';
type Scenario = {
  author: Author;
  from: 'high-risk' | 'confidential' | 'confidential, shared';
  to: 'high-risk' | 'confidential' | 'confidential, shared';
};

const AUTHORS: Author[] = ['owning client', 'agency staff', 'counterparty client'];
const STATES = ['high-risk', 'confidential', 'confidential, shared'] as const;

/** docs/product.md §14: "A client's hand-over is never lowered from high-risk or shared with the counterparty without that client's approval." */
function oracle(s: Scenario): boolean {
  const handOver = s.author === 'owning client';
  const lowered = s.from === 'high-risk' && s.to !== 'high-risk';
  const newlyShared = s.to === 'confidential, shared' && s.from !== 'confidential, shared';
  return handOver && (lowered || newlyShared);
}

const facts = (
  state: (typeof STATES)[number],
): { classification: Classification; sharedWithCounterparty: boolean } => ({
  classification: state === 'high-risk' ? 'high_risk' : 'confidential',
  sharedWithCounterparty: state === 'confidential, shared',
});

const scenarios: Scenario[] = AUTHORS.flatMap((author) =>
  STATES.flatMap((from) => STATES.map((to) => ({ author, from, to }))),
);

const lead: Actor = { id: 'user-lead', role: 'staff', disabled: false, clientAccountIds: [] };
const project: ProjectFacts = {
  id: 'project-1',
  clientAccountId: OWNER,
  counterpartyAccountId: 'acct-brand',
  memberships: [{ role: 'lead', scopes: [], expiresAt: null, revokedAt: null }],
  ndas: [{ clientAccountId: null, expiresAt: null, superseded: false }],
};
const item = (s: Scenario): ItemFacts & { handedOver: boolean } => ({
  id: 'item-1',
  category: 'logistics',
  ...facts(s.from),
  authorId: 'user-author',
  allowlist: [{ status: 'active', expiresAt: null, revokedAt: null }],
  handedOver: s.author === 'owning client',
});

describe('a client’s hand-over is lowered or shared only with that client’s approval', () => {
  it.each(scenarios.map((s) => [`${s.author} · ${s.from} → ${s.to}`, s] as const))('%s', (_name, s) => {
    expect(handoverChangeNeedsApproval(item(s), facts(s.to))).toBe(oracle(s));
    expect(decideClassify(lead, project, item(s), facts(s.to), NOW)).toEqual({
      allowed: true,
      needsClientApproval: oracle(s),
    });
  });

  it('covers both reasons and the changes that need nothing', () => {
    expect(scenarios.filter(oracle).map((s) => `${s.from} → ${s.to}`)).toEqual([
      'high-risk → confidential',
      'high-risk → confidential, shared',
      'confidential → confidential, shared',
    ]);
  });

  it('asks the ordinary policy first: nobody but the lead changes classification, hand-over or not', () => {
    const s: Scenario = { author: 'owning client', from: 'high-risk', to: 'confidential' };
    const member = {
      ...project,
      memberships: [{ role: 'member' as const, scopes: ['logistics'], expiresAt: null, revokedAt: null }],
    };
    expect(decideClassify(lead, member, item(s), facts(s.to), NOW)).toEqual({ allowed: false, reason: 'not_lead' });
    const client: Actor = { id: 'user-client', role: 'client', disabled: false, clientAccountIds: [OWNER] };
    expect(decideClassify(client, project, item(s), facts(s.to), NOW)).toEqual({ allowed: false, reason: 'not_lead' });
  });
});
