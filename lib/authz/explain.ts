/**
 * "Explain access" (issue 4): why a person can or cannot read an item, in the words of docs/product.md §4. The answer
 * is `can()`'s, always; the steps only describe the facts the rows of §4 look at, and name what is missing.
 */
import {
  can,
  hasScope,
  isActiveAllowlistEntry,
  isActiveMembership,
  isAgency,
  isPendingAllowlistEntry,
  ndaCovers,
} from './policy';
import type { Actor, DenyReason, ItemFacts, ProjectFacts } from './types';

export type ExplainStep = { check: string; ok: boolean; detail: string };

export type Explanation = {
  allowed: boolean;
  reason: DenyReason | null;
  /** The row of docs/product.md §4 that decided. */
  rule: string;
  steps: ExplainStep[];
  /** What would have to change for the person to read the item (empty when allowed or never possible). */
  missing: string[];
};

export const SPEC_RULES = {
  inactive: 'Only active users read anything (§4: "for an active user U").',
  agency:
    'Row 1 — admin, staff or contractor: an unexpired, unrevoked membership of the project, a valid NDA covering its client, the item’s category in the membership’s scopes and, for a high-risk item, an active place on its allowlist.',
  owner:
    'Row 2 — member of the owning client: every item except `communications` (high-risk included: it is their own data).',
  counterparty: 'Row 3 — member of the counterparty brand: items shared with the counterparty that are not high-risk.',
  nobody: 'Row 4 — anyone else: never.',
} as const;

function agencySteps(project: ProjectFacts, item: ItemFacts, now: Date): ExplainStep[] {
  const active = project.memberships.filter((m) => isActiveMembership(m, now));
  const membership: ExplainStep = active.length
    ? {
        check: 'Membership',
        ok: true,
        detail: active.some((m) => m.role === 'lead') ? 'Active lead of the project.' : 'Active member of the project.',
      }
    : {
        check: 'Membership',
        ok: false,
        detail:
          project.memberships.length === 0
            ? 'No membership of the project.'
            : project.memberships.some((m) => m.revokedAt === null)
              ? 'Membership expired.'
              : 'Membership revoked.',
      };
  const nda = project.ndas.some((n) => ndaCovers(n, project.clientAccountId, now));
  const scoped = active.some((m) => hasScope(m, item.category));
  const steps: ExplainStep[] = [
    membership,
    {
      check: 'NDA',
      ok: nda,
      detail: nda
        ? 'A valid NDA covers this client.'
        : project.ndas.length
          ? 'NDAs on file are expired or for other clients.'
          : 'No NDA on file.',
    },
    {
      check: 'Scope',
      ok: scoped,
      detail: scoped
        ? `The “${item.category}” category is within their scopes.`
        : `The “${item.category}” category is not within an active membership’s scopes.`,
    },
  ];
  if (item.classification === 'high_risk') {
    const onList = item.allowlist.some((a) => isActiveAllowlistEntry(a, now));
    const pending = item.allowlist.some((a) => isPendingAllowlistEntry(a, now));
    const refused = item.allowlist.some((a) => a.status === 'refused' && a.revokedAt === null);
    steps.push(
      {
        check: 'High-risk allowlist',
        ok: onList,
        detail: onList
          ? 'On the item’s allowlist.'
          : pending
            ? 'Granted, but not on the allowlist yet.'
            : refused
              ? 'The client refused their grant.'
              : item.allowlist.length
                ? 'Their allowlist entry expired or was revoked.'
                : 'Not on the item’s allowlist.',
      },
      ...(pending && !onList
        ? [
            {
              check: 'Client approval',
              ok: false,
              detail: 'The grant is pending: the client requires approval and has not approved it yet.',
            },
          ]
        : []),
    );
  }
  return steps;
}

export function explainItemRead(
  actor: Actor,
  project: ProjectFacts,
  item: ItemFacts,
  now: Date = new Date(),
): Explanation {
  const decision = can(actor, 'item.read', { type: 'item', project, item }, now);
  const result = (rule: string, steps: ExplainStep[]): Explanation => ({
    allowed: decision.allowed,
    reason: decision.allowed ? null : decision.reason,
    rule,
    steps,
    missing: decision.allowed ? [] : steps.filter((s) => !s.ok).map((s) => s.check),
  });
  if (actor.disabled)
    return result(SPEC_RULES.inactive, [{ check: 'Active account', ok: false, detail: 'The account is disabled.' }]);
  if (isAgency(actor.role)) return result(SPEC_RULES.agency, agencySteps(project, item, now));
  const owner = actor.role === 'client' && actor.clientAccountIds.includes(project.clientAccountId);
  const counterparty =
    actor.role === 'client' &&
    project.counterpartyAccountId !== null &&
    actor.clientAccountIds.includes(project.counterpartyAccountId);
  if (owner && (decision.allowed || !counterparty)) {
    const internal = item.category === 'communications';
    return {
      ...result(SPEC_RULES.owner, [
        {
          check: 'Category',
          ok: !internal,
          detail: internal ? 'Communications are agency-internal call notes.' : 'Their own data.',
        },
      ]),
      missing: [],
    };
  }
  if (counterparty) {
    return {
      ...result(SPEC_RULES.counterparty, [
        {
          check: 'Shared with the counterparty',
          ok: item.sharedWithCounterparty,
          detail: item.sharedWithCounterparty ? 'Marked shared.' : 'Not shared with the counterparty.',
        },
        {
          check: 'Not high-risk',
          ok: item.classification !== 'high_risk',
          detail: item.classification === 'high_risk' ? 'High-risk items are never shared.' : 'Confidential.',
        },
      ]),
    };
  }
  return {
    ...result(SPEC_RULES.nobody, [
      {
        check: 'Relation to the project',
        ok: false,
        detail: 'Not agency staff, and not a member of the owning client or the counterparty.',
      },
    ]),
    missing: [],
  };
}
