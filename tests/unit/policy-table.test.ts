/**
 * Exhaustive table test of the need-to-know policy (docs/product.md §4).
 *
 * The expected answers come from a small oracle below that transcribes the docs/product.md §4 table rows as plain
 * booleans over the *labels* of each scenario ("membership: expired", "NDA: other client", …), never over
 * the facts the policy reads. The facts handed to `can()` are built from the same labels separately, so the
 * oracle and `policy.ts` share no code.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { can, checkBreakGlass, checkGrant, checkNdaFor, checkUndoRevocation } from '@/lib/authz/policy';
import type {
  Actor,
  AdminAction,
  AllowlistFact,
  Classification,
  ClientAccountAction,
  Decision,
  DenyReason,
  FileAction,
  ItemAction,
  ItemCategory,
  ItemFacts,
  MembershipFact,
  NdaFact,
  ProjectFacts,
  PublicUseAction,
  UserRole,
} from '@/lib/authz/types';

const NOW = new Date('2026-06-01T00:00:00Z');
const YESTERDAY = new Date('2026-05-31T00:00:00Z');
const NEXT_YEAR = new Date('2027-06-01T00:00:00Z');

const OWNER = 'acct-owner-talent';
const COUNTERPARTY = 'acct-counterparty-brand';
const UNRELATED = 'acct-unrelated';
const PROJECT = 'project-1';
const ACTOR_ID = 'user-actor';
const SOMEONE_ELSE = 'user-someone-else';

const CATEGORIES: readonly ItemCategory[] = ['deal_terms', 'logistics', 'creative', 'communications', 'credentials'];
const CLASSES: readonly Classification[] = ['confidential', 'high_risk'];
const SYSTEM_ACTIONS: readonly AdminAction[] = [
  'user.invite',
  'user.disable',
  'nda.manage',
  'client.manage',
  'project.create',
  'membership.grant',
  'membership.revoke',
  'allowlist.grant',
  'allowlist.revoke',
  'audit.view',
  'access_request.decide',
  'access.explain',
  'privacy.manage',
  'retention.manage',
  'jobs.manage',
  'processing.view',
  'processing.manage',
];

// ---------------------------------------------------------------------------------------------------------
// Scenario labels
// ---------------------------------------------------------------------------------------------------------

type Kind = {
  name: string;
  role: UserRole;
  disabled: boolean;
  accounts: readonly string[];
  /** Plain-language facts used by the oracle only. */
  isAgency: boolean;
  isAdmin: boolean;
  inOwner: boolean;
  inCounterparty: boolean;
};

const kind = (name: string, role: UserRole, disabled: boolean, accounts: readonly string[] = []): Kind => ({
  name,
  role,
  disabled,
  accounts,
  isAgency: role === 'admin' || role === 'staff' || role === 'contractor',
  isAdmin: role === 'admin',
  inOwner: role === 'client' && accounts.includes(OWNER),
  inCounterparty: role === 'client' && accounts.includes(COUNTERPARTY),
});

const KINDS: readonly Kind[] = [
  kind('admin', 'admin', false),
  kind('staff', 'staff', false),
  kind('contractor', 'contractor', false),
  kind('client-owner member', 'client', false, [OWNER]),
  kind('client-counterparty member', 'client', false, [COUNTERPARTY]),
  kind('client of an unrelated account', 'client', false, [UNRELATED]),
  kind('client member of owner and counterparty', 'client', false, [OWNER, COUNTERPARTY]),
  kind('client with no account', 'client', false, []),
  kind('disabled admin', 'admin', true),
  kind('disabled staff', 'staff', true),
  kind('disabled contractor', 'contractor', true),
  kind('disabled client-owner member', 'client', true, [OWNER]),
  kind('disabled client-counterparty member', 'client', true, [COUNTERPARTY]),
];

type MembershipLabel = {
  name: string;
  state: 'none' | 'active' | 'expired' | 'revoked';
  role: 'lead' | 'member';
  /** Whether the scope the question is about (the item's category, or `identity`) is in the membership. */
  scope: 'present' | 'absent';
};

const MEMBERSHIPS: readonly MembershipLabel[] = [
  { name: 'no membership', state: 'none', role: 'member', scope: 'absent' },
  ...(['active', 'expired', 'revoked'] as const).flatMap((state) =>
    (['lead', 'member'] as const).flatMap((role) =>
      (['present', 'absent'] as const).map((scope): MembershipLabel => ({
        name: `${state} ${role}, scope ${scope}`,
        state,
        role,
        scope,
      })),
    ),
  ),
];

type NdaLabel =
  | 'none'
  | 'valid all-clients'
  | 'valid for this client'
  | 'expired'
  | 'for another client'
  | 'older version, a material new version since'
  | 'older version, only a minor new version since';
const NDAS: readonly NdaLabel[] = [
  'none',
  'valid all-clients',
  'valid for this client',
  'expired',
  'for another client',
  'older version, a material new version since',
  'older version, only a minor new version since',
];
/** "A valid NDA covering the client": signed, unexpired, for it or all clients, of the current material version. */
const ndaValid = (nda: NdaLabel) =>
  nda === 'valid all-clients' ||
  nda === 'valid for this client' ||
  nda === 'older version, only a minor new version since';

type AllowlistLabel =
  | 'not allowlisted'
  | 'allowlisted'
  | 'allowlist expired'
  | 'allowlist revoked'
  | 'allowlist pending client approval'
  | 'allowlist refused by the client';
const ALLOWLISTS: readonly AllowlistLabel[] = [
  'not allowlisted',
  'allowlisted',
  'allowlist expired',
  'allowlist revoked',
  'allowlist pending client approval',
  'allowlist refused by the client',
];

type ItemLabel = {
  category: ItemCategory;
  classification: Classification;
  allowlist: AllowlistLabel;
  shared: boolean;
  authoredByActor: boolean;
};

const ITEM_LABELS: readonly ItemLabel[] = CATEGORIES.flatMap((category) =>
  CLASSES.flatMap((classification) =>
    ALLOWLISTS.flatMap((allowlist) =>
      [false, true].flatMap((shared) =>
        [false, true].map((authoredByActor): ItemLabel => ({
          category,
          classification,
          allowlist,
          shared,
          authoredByActor,
        })),
      ),
    ),
  ),
);

/** The item's files setting and who authored it, as the file questions see them (issue 13). */
type FileLabel = { downloadable: boolean; handedOverByOwner: boolean };
const FILE_LABELS: readonly FileLabel[] = [false, true].flatMap((downloadable) =>
  [false, true].map((handedOverByOwner): FileLabel => ({ downloadable, handedOverByOwner })),
);

// ---------------------------------------------------------------------------------------------------------
// The oracle: docs/product.md §4, row by row, as plain booleans over the labels
// ---------------------------------------------------------------------------------------------------------

const oracle = {
  /** "an unexpired, unrevoked membership of P and a valid NDA covering P's client" */
  standing(m: MembershipLabel, nda: NdaLabel): boolean {
    const membershipOk = m.state === 'active';
    return membershipOk && ndaValid(nda);
  },
  /** "a lead has all" scopes */
  scoped(m: MembershipLabel): boolean {
    return m.role === 'lead' || m.scope === 'present';
  },
  activeLead(m: MembershipLabel): boolean {
    return m.state === 'active' && m.role === 'lead';
  },

  read(k: Kind, m: MembershipLabel, nda: NdaLabel, i: ItemLabel): boolean {
    if (k.disabled) return false; // only active users
    // Row 1: admin, staff or contractor.
    const agencyRow =
      k.isAgency &&
      this.standing(m, nda) &&
      this.scoped(m) &&
      (i.classification !== 'high_risk' || i.allowlist === 'allowlisted');
    // Row 2: member of P's owning client.
    const ownerRow = k.inOwner && i.category !== 'communications';
    // Row 3: member of P's counterparty brand.
    const counterpartyRow = k.inCounterparty && i.shared && i.classification !== 'high_risk';
    // Row 4: anyone else: never.
    return agencyRow || ownerRow || counterpartyRow;
  },

  /** "editing needs read access plus being its author or the lead" */
  edit(k: Kind, m: MembershipLabel, nda: NdaLabel, i: ItemLabel): boolean {
    const isLead = k.isAgency && this.activeLead(m);
    return this.read(k, m, nda, i) && (i.authoredByActor || isLead);
  },

  /** "changing classification is the lead's" */
  classify(k: Kind, m: MembershipLabel, nda: NdaLabel, i: ItemLabel): boolean {
    return this.read(k, m, nda, i) && k.isAgency && this.activeLead(m);
  },

  /** "`credentials` are revealed one at a time after re-authentication": to exactly those who may read the item */
  reveal(k: Kind, m: MembershipLabel, nda: NdaLabel, i: ItemLabel): boolean {
    return this.read(k, m, nda, i);
  },

  /** Issue 13: "a file inherits its item's access: reading a file is item.read on its item" */
  viewFile(k: Kind, m: MembershipLabel, nda: NdaLabel, i: ItemLabel): boolean {
    return this.read(k, m, nda, i);
  },

  /** Issue 13: "view-only forbids download for everyone but the owning client" */
  downloadFile(k: Kind, m: MembershipLabel, nda: NdaLabel, i: ItemLabel, f: FileLabel): boolean {
    return this.read(k, m, nda, i) && (f.downloadable || k.inOwner);
  },

  /** Issue 13: "staff with the item's scope, and clients on their own hand-overs" */
  uploadFile(k: Kind, m: MembershipLabel, nda: NdaLabel, i: ItemLabel, f: FileLabel): boolean {
    if (!this.read(k, m, nda, i)) return false;
    return k.isAgency || (k.inOwner && f.handedOverByOwner);
  },

  /** "creating an item in a category needs that scope; members of the owning client may add logistics, creative, credentials" */
  create(k: Kind, m: MembershipLabel, nda: NdaLabel, category: ItemCategory): boolean {
    if (k.disabled) return false;
    const agency = k.isAgency && this.standing(m, nda) && this.scoped(m);
    const client = k.inOwner && (category === 'logistics' || category === 'creative' || category === 'credentials');
    return agency || client;
  },

  viewProject(k: Kind, m: MembershipLabel, nda: NdaLabel): boolean {
    if (k.disabled) return false;
    return (k.isAgency && this.standing(m, nda)) || k.inOwner || k.inCounterparty;
  },

  /** "shown only to users with the identity scope on it, to the client, and to the counterparty brand" */
  viewIdentity(k: Kind, m: MembershipLabel, nda: NdaLabel): boolean {
    if (k.disabled) return false;
    return (k.isAgency && this.standing(m, nda) && this.scoped(m)) || k.inOwner || k.inCounterparty;
  },

  /** Issue 16: "a lead sees their project's members": an agency person who is the project's active lead, with a valid NDA */
  viewMembers(k: Kind, m: MembershipLabel, nda: NdaLabel): boolean {
    if (k.disabled || !k.isAgency) return false;
    return m.state === 'active' && m.role === 'lead' && ndaValid(nda);
  },

  /** Issue 4: "who can see their data, and who did", and deciding pending high-risk grants: the owning client */
  ownerClientOnly(k: Kind): boolean {
    return !k.disabled && k.inOwner;
  },

  /** Issue 4: "a staff member asks for membership or a high-risk item" (NDA before access: asking needs one too) */
  requestAccess(k: Kind, nda: NdaLabel): boolean {
    return !k.disabled && k.isAgency && ndaValid(nda);
  },

  /**
   * docs/product.md §5 and issue 4: staff see authorization status; the text names the client (identity, §4); staff who
   * may know the client request one, never for a zero-public-association client; the client signs or refuses.
   */
  publicUse(action: string, k: Kind, m: MembershipLabel, nda: NdaLabel, zeroAssociation: boolean): boolean {
    if (k.disabled) return false;
    const agencyStanding = k.isAgency && this.standing(m, nda);
    switch (action) {
      case 'authorization.view':
        return agencyStanding || k.inOwner;
      case 'authorization.view_record':
        return (agencyStanding && this.scoped(m)) || k.inOwner;
      case 'authorization.request':
        return agencyStanding && this.scoped(m) && !zeroAssociation;
      default: // authorization.sign
        return k.inOwner && !zeroAssociation;
    }
  },

  /** "grants and revocations are the admin's" (and the other administration of §2) */
  system(k: Kind): boolean {
    return k.isAdmin && !k.disabled;
  },
};

// ---------------------------------------------------------------------------------------------------------
// Facts, built from the labels independently of the oracle
// ---------------------------------------------------------------------------------------------------------

const ALL_SCOPES = ['deal_terms', 'logistics', 'creative', 'communications', 'credentials', 'identity'];

function membershipFacts(m: MembershipLabel, target: string): MembershipFact[] {
  if (m.state === 'none') return [];
  // "present": just the scope asked about plus an unrelated one; "absent": every other scope.
  const scopes =
    m.scope === 'present'
      ? [target, target === 'deal_terms' ? 'logistics' : 'deal_terms']
      : ALL_SCOPES.filter((s) => s !== target);
  const expiresAt = m.state === 'expired' ? YESTERDAY : m.state === 'active' ? NEXT_YEAR : null;
  const revokedAt = m.state === 'revoked' ? YESTERDAY : null;
  return [{ role: m.role, scopes, expiresAt, revokedAt }];
}

function ndaFacts(nda: NdaLabel): NdaFact[] {
  switch (nda) {
    case 'none':
      return [];
    case 'valid all-clients':
      return [{ clientAccountId: null, expiresAt: null, superseded: false }];
    case 'valid for this client':
      return [{ clientAccountId: OWNER, expiresAt: NEXT_YEAR, superseded: false }];
    case 'expired':
      return [{ clientAccountId: null, expiresAt: YESTERDAY, superseded: false }];
    case 'for another client':
      return [{ clientAccountId: UNRELATED, expiresAt: null, superseded: false }];
    case 'older version, a material new version since':
      return [{ clientAccountId: null, expiresAt: null, superseded: true }];
    case 'older version, only a minor new version since':
      return [{ clientAccountId: OWNER, expiresAt: null, superseded: false }];
  }
}

function allowlistFacts(a: AllowlistLabel): AllowlistFact[] {
  switch (a) {
    case 'not allowlisted':
      return [];
    case 'allowlisted':
      return [{ status: 'active', expiresAt: NEXT_YEAR, revokedAt: null }];
    case 'allowlist expired':
      return [{ status: 'active', expiresAt: YESTERDAY, revokedAt: null }];
    case 'allowlist revoked':
      return [{ status: 'active', expiresAt: null, revokedAt: YESTERDAY }];
    case 'allowlist pending client approval':
      return [{ status: 'pending', expiresAt: NEXT_YEAR, revokedAt: null }];
    case 'allowlist refused by the client':
      return [{ status: 'refused', expiresAt: null, revokedAt: null }];
  }
}

const actorOf = (k: Kind): Actor => ({
  id: ACTOR_ID,
  role: k.role,
  disabled: k.disabled,
  clientAccountIds: k.accounts,
});

const projectOf = (m: MembershipLabel, nda: NdaLabel, target: string): ProjectFacts => ({
  id: PROJECT,
  clientAccountId: OWNER,
  counterpartyAccountId: COUNTERPARTY,
  memberships: membershipFacts(m, target),
  ndas: ndaFacts(nda),
});

const itemOf = (i: ItemLabel): ItemFacts => ({
  id: `item-${i.category}-${i.classification}-${i.allowlist}-${i.shared}-${i.authoredByActor}`,
  category: i.category,
  classification: i.classification,
  sharedWithCounterparty: i.shared,
  authorId: i.authoredByActor ? ACTOR_ID : SOMEONE_ELSE,
  allowlist: allowlistFacts(i.allowlist),
});

// ---------------------------------------------------------------------------------------------------------
// The table
// ---------------------------------------------------------------------------------------------------------

let tableCases = 0;
let namedCases = 0;

type Mismatch = { scenario: string; expected: boolean; got: Decision };

function expectNoMismatch(mismatches: Mismatch[], checked: number) {
  tableCases += checked;
  expect(checked).toBeGreaterThan(0);
  // Show a handful of readable failures rather than one giant diff.
  expect(mismatches.slice(0, 8)).toEqual([]);
}

function denyReasonIsSane(d: Decision, k: Kind): boolean {
  if (d.allowed) return true;
  return k.disabled ? d.reason === 'inactive_user' : d.reason !== 'inactive_user';
}

const ITEM_ACTIONS: readonly { name: string; action: ItemAction; oracle: typeof oracle.read }[] = [
  { name: 'item.read', action: 'item.read', oracle: oracle.read },
  { name: 'item.edit', action: 'item.edit', oracle: oracle.edit },
  { name: 'item.classify', action: 'item.classify', oracle: oracle.classify },
  { name: 'item.reveal', action: 'item.reveal', oracle: oracle.reveal },
];

describe('policy table: item actions', () => {
  for (const { name, action, oracle: expected } of ITEM_ACTIONS) {
    it.each(KINDS.map((k) => [k.name, k] as const))(`${name} by %s`, (_label, k) => {
      const actor = actorOf(k);
      const mismatches: Mismatch[] = [];
      let checked = 0;
      for (const m of MEMBERSHIPS) {
        for (const nda of NDAS) {
          for (const category of CATEGORIES) {
            const project = projectOf(m, nda, category);
            for (const label of ITEM_LABELS) {
              if (label.category !== category) continue;
              const want = expected.call(oracle, k, m, nda, label);
              const got = can(actor, action, { type: 'item', project, item: itemOf(label) }, NOW);
              checked++;
              if (got.allowed !== want || !denyReasonIsSane(got, k)) {
                mismatches.push({
                  scenario: `${k.name} | ${m.name} | NDA ${nda} | ${JSON.stringify(label)}`,
                  expected: want,
                  got,
                });
              }
            }
          }
        }
      }
      expectNoMismatch(mismatches, checked);
    });
  }
});

const FILE_ACTIONS: readonly {
  action: FileAction;
  want: (k: Kind, m: MembershipLabel, nda: NdaLabel, i: ItemLabel, f: FileLabel) => boolean;
}[] = [
  { action: 'file.view', want: (k, m, nda, i) => oracle.viewFile(k, m, nda, i) },
  { action: 'file.download', want: (k, m, nda, i, f) => oracle.downloadFile(k, m, nda, i, f) },
  { action: 'file.upload', want: (k, m, nda, i, f) => oracle.uploadFile(k, m, nda, i, f) },
];

describe('policy table: file actions (issue 13)', () => {
  for (const { action, want } of FILE_ACTIONS) {
    it.each(KINDS.map((k) => [k.name, k] as const))(`${action} by %s`, (_label, k) => {
      const actor = actorOf(k);
      const mismatches: Mismatch[] = [];
      let checked = 0;
      for (const m of MEMBERSHIPS) {
        for (const nda of NDAS) {
          for (const category of CATEGORIES) {
            const project = projectOf(m, nda, category);
            for (const label of ITEM_LABELS) {
              if (label.category !== category) continue;
              for (const f of FILE_LABELS) {
                // The author of a hand-over is a member of the owning client: the actor only if they are one.
                const item = { ...itemOf(label), handedOver: f.handedOverByOwner, filesDownloadable: f.downloadable };
                const got = can(actor, action, { type: 'item_files', project, item }, NOW);
                checked++;
                if (got.allowed !== want(k, m, nda, label, f) || !denyReasonIsSane(got, k)) {
                  mismatches.push({
                    scenario: `${k.name} | ${m.name} | NDA ${nda} | ${JSON.stringify(label)} | ${JSON.stringify(f)}`,
                    expected: want(k, m, nda, label, f),
                    got,
                  });
                }
              }
            }
          }
        }
      }
      expectNoMismatch(mismatches, checked);
    });
  }
});

describe('policy table: item.create', () => {
  it.each(KINDS.map((k) => [k.name, k] as const))('item.create by %s', (_label, k) => {
    const actor = actorOf(k);
    const mismatches: Mismatch[] = [];
    let checked = 0;
    for (const m of MEMBERSHIPS) {
      for (const nda of NDAS) {
        for (const category of CATEGORIES) {
          const want = oracle.create(k, m, nda, category);
          const got = can(
            actor,
            'item.create',
            { type: 'new_item', project: projectOf(m, nda, category), category },
            NOW,
          );
          checked++;
          if (got.allowed !== want || !denyReasonIsSane(got, k)) {
            mismatches.push({ scenario: `${k.name} | ${m.name} | NDA ${nda} | ${category}`, expected: want, got });
          }
        }
      }
    }
    expectNoMismatch(mismatches, checked);
  });
});

describe('policy table: project actions', () => {
  it.each(KINDS.map((k) => [k.name, k] as const))('project.view and project.view_identity by %s', (_label, k) => {
    const actor = actorOf(k);
    const mismatches: Mismatch[] = [];
    let checked = 0;
    for (const m of MEMBERSHIPS) {
      for (const nda of NDAS) {
        // For project.view the scope is irrelevant: ask with both an item category and identity as "the" scope.
        for (const target of ['deal_terms', 'identity']) {
          const project = projectOf(m, nda, target);
          const view = can(actor, 'project.view', { type: 'project', project }, NOW);
          const wantView = oracle.viewProject(k, m, nda);
          checked++;
          if (view.allowed !== wantView || !denyReasonIsSane(view, k)) {
            mismatches.push({
              scenario: `view | ${k.name} | ${m.name} | NDA ${nda} | ${target}`,
              expected: wantView,
              got: view,
            });
          }
        }
        const identity = can(
          actor,
          'project.view_identity',
          { type: 'project', project: projectOf(m, nda, 'identity') },
          NOW,
        );
        const wantIdentity = oracle.viewIdentity(k, m, nda);
        checked++;
        if (identity.allowed !== wantIdentity || !denyReasonIsSane(identity, k)) {
          mismatches.push({
            scenario: `identity | ${k.name} | ${m.name} | NDA ${nda}`,
            expected: wantIdentity,
            got: identity,
          });
        }
      }
    }
    expectNoMismatch(mismatches, checked);
  });
});

describe('policy table: admin system actions', () => {
  it.each(KINDS.map((k) => [k.name, k] as const))('system actions by %s', (_label, k) => {
    const actor = actorOf(k);
    const mismatches: Mismatch[] = [];
    let checked = 0;
    for (const action of SYSTEM_ACTIONS) {
      const got = can(actor, action, { type: 'system' }, NOW);
      checked++;
      if (got.allowed !== oracle.system(k) || !denyReasonIsSane(got, k)) {
        mismatches.push({ scenario: `${k.name} | ${action}`, expected: oracle.system(k), got });
      }
    }
    expectNoMismatch(mismatches, checked);
  });
});

describe('policy table: client permissions, access requests and public use', () => {
  const PUBLIC_USE_ACTIONS: readonly PublicUseAction[] = [
    'authorization.view',
    'authorization.view_record',
    'authorization.request',
    'authorization.sign',
  ];
  const CLIENT_ACCOUNT_ACTIONS: readonly ClientAccountAction[] = ['client.manage_permissions', 'authorization.revoke'];

  it.each(KINDS.map((k) => [k.name, k] as const))('client-side actions by %s', (_label, k) => {
    const actor = actorOf(k);
    const mismatches: Mismatch[] = [];
    let checked = 0;
    const check = (scenario: string, want: boolean, got: Decision) => {
      checked++;
      if (got.allowed !== want || !denyReasonIsSane(got, k)) mismatches.push({ scenario, expected: want, got });
    };
    for (const m of MEMBERSHIPS) {
      for (const nda of NDAS) {
        const project = projectOf(m, nda, 'identity');
        for (const action of ['project.view_access', 'highrisk.approve'] as const) {
          check(
            `${action} | ${k.name} | ${m.name} | NDA ${nda}`,
            oracle.ownerClientOnly(k),
            can(actor, action, { type: 'project', project }, NOW),
          );
        }
        check(
          `project.members.view | ${k.name} | ${m.name} | NDA ${nda}`,
          oracle.viewMembers(k, m, nda),
          can(actor, 'project.members.view', { type: 'project', project }, NOW),
        );
        check(
          `access_request.create | ${k.name} | ${m.name} | NDA ${nda}`,
          oracle.requestAccess(k, nda),
          can(actor, 'access_request.create', { type: 'project', project }, NOW),
        );
        for (const zeroAssociation of [false, true]) {
          const client = { id: OWNER, zeroPublicAssociation: zeroAssociation };
          for (const action of PUBLIC_USE_ACTIONS) {
            check(
              `${action} | ${k.name} | ${m.name} | NDA ${nda} | zero association ${zeroAssociation}`,
              oracle.publicUse(action, k, m, nda, zeroAssociation),
              can(actor, action, { type: 'public_use', project, client }, NOW),
            );
          }
        }
      }
    }
    for (const zeroAssociation of [false, true]) {
      for (const account of [OWNER, COUNTERPARTY, UNRELATED]) {
        for (const action of CLIENT_ACCOUNT_ACTIONS) {
          // "Their" account: a client user acts only for an account they are a member of.
          const want = !k.disabled && k.role === 'client' && k.accounts.includes(account);
          check(
            `${action} on ${account} | ${k.name}`,
            want,
            can(
              actor,
              action,
              { type: 'client_account', client: { id: account, zeroPublicAssociation: zeroAssociation } },
              NOW,
            ),
          );
        }
      }
    }
    expectNoMismatch(mismatches, checked);
  });
});

// ---------------------------------------------------------------------------------------------------------
// checkGrant
// ---------------------------------------------------------------------------------------------------------

describe('policy table: checkGrant', () => {
  const granters = KINDS.filter((k) =>
    ['admin', 'staff', 'contractor', 'client-owner member', 'disabled admin'].includes(k.name),
  );
  const granteeRoles: readonly UserRole[] = ['admin', 'staff', 'contractor', 'client'];
  const expiries: readonly { name: string; at: Date | null }[] = [
    { name: 'no expiry', at: null },
    { name: 'expiry yesterday', at: YESTERDAY },
    { name: 'expiry exactly now', at: new Date(NOW) },
    { name: 'expiry next year', at: NEXT_YEAR },
  ];

  /**
   * "Granting membership needs a valid NDA for the grantee; a contractor grant needs an expiry"; "an admin
   * never grants themselves access" (docs/product.md §4, §14).
   */
  const grantOracle = (
    k: Kind,
    role: UserRole,
    disabled: boolean,
    nda: NdaLabel,
    expiry: Date | null,
    toSelf: boolean,
  ) => {
    if (toSelf) return false;
    const byActiveAdmin = k.isAdmin && !k.disabled;
    const granteeIsActiveAgencyUser = (role === 'admin' || role === 'staff' || role === 'contractor') && !disabled;
    const expiryIsFutureOrNone = expiry === null || expiry.getTime() > NOW.getTime();
    const ndaOk = ndaValid(nda);
    const contractorHasExpiry = role !== 'contractor' || expiry !== null;
    return byActiveAdmin && granteeIsActiveAgencyUser && expiryIsFutureOrNone && ndaOk && contractorHasExpiry;
  };

  it.each(granters.map((k) => [k.name, k] as const))('grants by %s', (_label, k) => {
    const mismatches: Mismatch[] = [];
    let checked = 0;
    for (const role of granteeRoles) {
      for (const disabled of [false, true]) {
        for (const nda of NDAS) {
          for (const expiry of expiries) {
            for (const toSelf of [false, true]) {
              const want = grantOracle(k, role, disabled, nda, expiry.at, toSelf);
              const got = checkGrant(
                actorOf(k),
                {
                  grantee: { id: toSelf ? ACTOR_ID : SOMEONE_ELSE, role, disabled, ndas: ndaFacts(nda) },
                  clientAccountId: OWNER,
                  expiresAt: expiry.at,
                },
                NOW,
              );
              checked++;
              if (got.allowed !== want) {
                mismatches.push({
                  scenario: `${k.name} grants ${toSelf ? 'themselves' : 'someone else'} (${role}) disabled=${disabled} NDA ${nda} ${expiry.name}`,
                  expected: want,
                  got,
                });
              }
            }
          }
        }
      }
    }
    expectNoMismatch(mismatches, checked);
  });
});

// ---------------------------------------------------------------------------------------------------------
// checkUndoRevocation (issue 16: a revocation can be undone within a minute)
// ---------------------------------------------------------------------------------------------------------

describe('policy table: undoing a revocation', () => {
  const revokers = [
    { name: 'revoked by the actor', id: ACTOR_ID },
    { name: 'revoked by someone else', id: SOMEONE_ELSE },
    { name: 'not revoked', id: null },
  ] as const;
  const ages = [
    { name: 'just now', seconds: 0 },
    { name: '59 s ago', seconds: 59 },
    { name: '60 s ago', seconds: 60 },
    { name: '61 s ago', seconds: 61 },
    { name: 'an hour ago', seconds: 3600 },
  ] as const;
  /** "An admin undoes their own revocation within the minute; after that it stands." */
  const undoOracle = (k: Kind, revokedByActor: boolean, revoked: boolean, seconds: number) =>
    k.isAdmin && !k.disabled && revoked && revokedByActor && seconds <= 60;

  it.each(KINDS.map((k) => [k.name, k] as const))('undo by %s', (_label, k) => {
    const mismatches: Mismatch[] = [];
    let checked = 0;
    for (const r of revokers) {
      for (const age of ages) {
        const revokedAt = r.id === null ? null : new Date(NOW.getTime() - age.seconds * 1000);
        const want = undoOracle(k, r.id === ACTOR_ID, r.id !== null, age.seconds);
        const got = checkUndoRevocation(actorOf(k), { revokedBy: r.id, revokedAt }, NOW);
        checked++;
        if (got.allowed !== want || !denyReasonIsSane(got, k))
          mismatches.push({ scenario: `${k.name} | ${r.name} | ${age.name}`, expected: want, got });
      }
    }
    expectNoMismatch(mismatches, checked);
  });
});

// ---------------------------------------------------------------------------------------------------------
// Hand-written named cases
// ---------------------------------------------------------------------------------------------------------

const agent = (role: UserRole, extra: Partial<Actor> = {}): Actor => ({
  id: ACTOR_ID,
  role,
  disabled: false,
  clientAccountIds: [],
  ...extra,
});
const clientOf = (...accounts: string[]): Actor => agent('client', { clientAccountIds: accounts });

const grant = (role: 'lead' | 'member', scopes: string[], extra: Partial<MembershipFact> = {}): MembershipFact => ({
  role,
  scopes,
  expiresAt: null,
  revokedAt: null,
  ...extra,
});
const NDA_ALL: NdaFact = { clientAccountId: null, expiresAt: null, superseded: false };
const NDA_OWNER: NdaFact = { clientAccountId: OWNER, expiresAt: NEXT_YEAR, superseded: false };

const proj = (
  memberships: MembershipFact[] = [],
  ndas: NdaFact[] = [],
  counterpartyAccountId: string | null = COUNTERPARTY,
): ProjectFacts => ({
  id: PROJECT,
  clientAccountId: OWNER,
  counterpartyAccountId,
  memberships,
  ndas,
});
const it_ = (category: ItemCategory, extra: Partial<ItemFacts> = {}): ItemFacts => ({
  id: `item-${category}`,
  category,
  classification: category === 'credentials' ? 'high_risk' : 'confidential',
  sharedWithCounterparty: false,
  authorId: SOMEONE_ELSE,
  allowlist: [],
  ...extra,
});
const ALLOWED = { allowed: true } as const;
const DENIED = (reason: DenyReason) => ({ allowed: false, reason }) as const;
const ACTIVE_ALLOW: AllowlistFact = { status: 'active', expiresAt: NEXT_YEAR, revokedAt: null };
const PENDING_ALLOW: AllowlistFact = { status: 'pending', expiresAt: null, revokedAt: null };
const REFUSED_ALLOW: AllowlistFact = { status: 'refused', expiresAt: null, revokedAt: null };

const read = (a: Actor, p: ProjectFacts, i: ItemFacts) =>
  can(a, 'item.read', { type: 'item', project: p, item: i }, NOW);
const edit = (a: Actor, p: ProjectFacts, i: ItemFacts) =>
  can(a, 'item.edit', { type: 'item', project: p, item: i }, NOW);
const classify = (a: Actor, p: ProjectFacts, i: ItemFacts) =>
  can(a, 'item.classify', { type: 'item', project: p, item: i }, NOW);
const reveal = (a: Actor, p: ProjectFacts, i: ItemFacts) =>
  can(a, 'item.reveal', { type: 'item', project: p, item: i }, NOW);
const create = (a: Actor, p: ProjectFacts, category: ItemCategory) =>
  can(a, 'item.create', { type: 'new_item', project: p, category }, NOW);
const view = (a: Actor, p: ProjectFacts) => can(a, 'project.view', { type: 'project', project: p }, NOW);
const identity = (a: Actor, p: ProjectFacts) => can(a, 'project.view_identity', { type: 'project', project: p }, NOW);

const files = (
  a: Actor,
  action: FileAction,
  p: ProjectFacts,
  i: ItemFacts,
  handedOver: boolean,
  filesDownloadable: boolean,
) => can(a, action, { type: 'item_files', project: p, item: { ...i, handedOver, filesDownloadable } }, NOW);

const NAMED: readonly [string, () => Decision, Decision][] = [
  [
    'Nova (owning client) downloads her view-only passport scan → allow',
    () =>
      files(clientOf(OWNER), 'file.download', proj(), it_('logistics', { classification: 'high_risk' }), true, false),
    ALLOWED,
  ],
  [
    'allowlisted lead downloads a view-only high-risk file → deny (view_only)',
    () =>
      files(
        agent('staff'),
        'file.download',
        proj([grant('lead', [])], [NDA_ALL]),
        it_('logistics', { classification: 'high_risk', allowlist: [ACTIVE_ALLOW] }),
        true,
        false,
      ),
    DENIED('view_only'),
  ],
  [
    'counterparty brand downloads the shared downloadable deck → allow',
    () =>
      files(
        clientOf(COUNTERPARTY),
        'file.download',
        proj(),
        it_('creative', { sharedWithCounterparty: true }),
        false,
        true,
      ),
    ALLOWED,
  ],
  [
    'counterparty brand views a file of an item not shared → deny (not_shared_with_counterparty)',
    () => files(clientOf(COUNTERPARTY), 'file.view', proj(), it_('creative'), false, true),
    DENIED('not_shared_with_counterparty'),
  ],
  [
    'owning client uploads to an agency item → deny (not_handover)',
    () => files(clientOf(OWNER), 'file.upload', proj(), it_('creative'), false, true),
    DENIED('not_handover'),
  ],
  [
    'owning client uploads to their hand-over → allow',
    () => files(clientOf(OWNER), 'file.upload', proj(), it_('logistics', { classification: 'high_risk' }), true, false),
    ALLOWED,
  ],
  [
    'counterparty brand uploads to a shared item → deny (not_owner_client)',
    () =>
      files(
        clientOf(COUNTERPARTY),
        'file.upload',
        proj(),
        it_('creative', { sharedWithCounterparty: true }),
        false,
        true,
      ),
    DENIED('not_owner_client'),
  ],
  [
    'staff without the item’s scope uploads → deny (scope_missing)',
    () =>
      files(
        agent('staff'),
        'file.upload',
        proj([grant('member', ['logistics'])], [NDA_ALL]),
        it_('creative'),
        false,
        true,
      ),
    DENIED('scope_missing'),
  ],
  [
    'contractor with the scope uploads to a view-only item → allow',
    () =>
      files(
        agent('contractor'),
        'file.upload',
        proj([grant('member', ['creative'], { expiresAt: NEXT_YEAR })], [NDA_ALL]),
        it_('creative'),
        false,
        false,
      ),
    ALLOWED,
  ],
  [
    'contractor with creative scope, NDA for this client, reads a confidential creative item → allow',
    () =>
      read(
        agent('contractor'),
        proj([grant('member', ['creative'], { expiresAt: NEXT_YEAR })], [NDA_OWNER]),
        it_('creative'),
      ),
    ALLOWED,
  ],
  [
    'admin with no membership reads anything → deny (not_member)',
    () => read(agent('admin'), proj([], [NDA_ALL]), it_('deal_terms', { allowlist: [ACTIVE_ALLOW] })),
    DENIED('not_member'),
  ],
  [
    'admin with no membership reads an allowlisted high-risk item → deny (not_member)',
    () =>
      read(
        agent('admin'),
        proj([], [NDA_ALL]),
        it_('logistics', { classification: 'high_risk', allowlist: [ACTIVE_ALLOW] }),
      ),
    DENIED('not_member'),
  ],
  ['admin may view the audit log → allow', () => can(agent('admin'), 'audit.view', { type: 'system' }, NOW), ALLOWED],
  [
    'staff may not grant membership → deny (not_admin)',
    () => can(agent('staff'), 'membership.grant', { type: 'system' }, NOW),
    DENIED('not_admin'),
  ],
  [
    'disabled admin may not invite users → deny (inactive_user)',
    () => can(agent('admin', { disabled: true }), 'user.invite', { type: 'system' }, NOW),
    DENIED('inactive_user'),
  ],
  [
    'counterparty reads a shared high-risk item → deny (high_risk_not_shared)',
    () =>
      read(
        clientOf(COUNTERPARTY),
        proj(),
        it_('logistics', { classification: 'high_risk', sharedWithCounterparty: true }),
      ),
    DENIED('high_risk_not_shared'),
  ],
  [
    'counterparty reads a shared confidential deal-terms item → allow',
    () => read(clientOf(COUNTERPARTY), proj(), it_('deal_terms', { sharedWithCounterparty: true })),
    ALLOWED,
  ],
  [
    'counterparty reads an unshared confidential item → deny (not_shared_with_counterparty)',
    () => read(clientOf(COUNTERPARTY), proj(), it_('creative')),
    DENIED('not_shared_with_counterparty'),
  ],
  [
    'client owner reads communications → deny (client_internal_category)',
    () => read(clientOf(OWNER), proj(), it_('communications')),
    DENIED('client_internal_category'),
  ],
  [
    'client owner reads their own high-risk credentials without any allowlist → allow',
    () => read(clientOf(OWNER), proj(), it_('credentials')),
    ALLOWED,
  ],
  [
    'client owner holding a lead membership still cannot read communications → deny',
    () => read(clientOf(OWNER), proj([grant('lead', [])], [NDA_ALL]), it_('communications')),
    DENIED('client_internal_category'),
  ],
  [
    'client of an unrelated account reads a shared item → deny (not_client_of_project)',
    () => read(clientOf(UNRELATED), proj(), it_('deal_terms', { sharedWithCounterparty: true })),
    DENIED('not_client_of_project'),
  ],
  [
    'brand member on a project without a counterparty reads a "shared" item → deny',
    () => read(clientOf(COUNTERPARTY), proj([], [], null), it_('deal_terms', { sharedWithCounterparty: true })),
    DENIED('not_client_of_project'),
  ],
  [
    'member of both owner and counterparty reads a shared confidential call note → allow (the rows combine)',
    () => read(clientOf(OWNER, COUNTERPARTY), proj(), it_('communications', { sharedWithCounterparty: true })),
    ALLOWED,
  ],
  [
    'member of both owner and counterparty reads an unshared call note → deny (client_internal_category)',
    () => read(clientOf(OWNER, COUNTERPARTY), proj(), it_('communications')),
    DENIED('client_internal_category'),
  ],
  [
    'disabled client owner reads their own logistics → deny (inactive_user)',
    () => read(agent('client', { disabled: true, clientAccountIds: [OWNER] }), proj(), it_('logistics')),
    DENIED('inactive_user'),
  ],
  [
    'lead without allowlist reads high-risk → deny (not_allowlisted)',
    () => read(agent('staff'), proj([grant('lead', [])], [NDA_ALL]), it_('logistics', { classification: 'high_risk' })),
    DENIED('not_allowlisted'),
  ],
  [
    'lead with empty scope list but on the allowlist reads high-risk communications → allow',
    () =>
      read(
        agent('staff'),
        proj([grant('lead', [])], [NDA_ALL]),
        it_('communications', { classification: 'high_risk', allowlist: [ACTIVE_ALLOW] }),
      ),
    ALLOWED,
  ],
  [
    'member whose allowlist entry expired yesterday reads high-risk → deny (not_allowlisted)',
    () =>
      read(
        agent('staff'),
        proj([grant('member', ['logistics'])], [NDA_ALL]),
        it_('logistics', {
          classification: 'high_risk',
          allowlist: [{ status: 'active', expiresAt: YESTERDAY, revokedAt: null }],
        }),
      ),
    DENIED('not_allowlisted'),
  ],
  [
    'member whose allowlist entry expires exactly now reads high-risk → deny (not_allowlisted)',
    () =>
      read(
        agent('staff'),
        proj([grant('member', ['logistics'])], [NDA_ALL]),
        it_('logistics', {
          classification: 'high_risk',
          allowlist: [{ status: 'active', expiresAt: new Date(NOW), revokedAt: null }],
        }),
      ),
    DENIED('not_allowlisted'),
  ],
  [
    'member with a revoked and an active allowlist entry reads high-risk → allow',
    () =>
      read(
        agent('staff'),
        proj([grant('member', ['logistics'])], [NDA_ALL]),
        it_('logistics', {
          classification: 'high_risk',
          allowlist: [{ status: 'active', expiresAt: null, revokedAt: YESTERDAY }, ACTIVE_ALLOW],
        }),
      ),
    ALLOWED,
  ],
  [
    'staff member without the category scope → deny (scope_missing)',
    () => read(agent('staff'), proj([grant('member', ['logistics', 'identity'])], [NDA_ALL]), it_('deal_terms')),
    DENIED('scope_missing'),
  ],
  [
    'staff with an expired membership → deny (membership_expired)',
    () =>
      read(
        agent('staff'),
        proj([grant('member', ['deal_terms'], { expiresAt: YESTERDAY })], [NDA_ALL]),
        it_('deal_terms'),
      ),
    DENIED('membership_expired'),
  ],
  [
    'contractor whose membership expires exactly now → deny (membership_expired)',
    () =>
      read(
        agent('contractor'),
        proj([grant('member', ['deal_terms'], { expiresAt: new Date(NOW) })], [NDA_ALL]),
        it_('deal_terms'),
      ),
    DENIED('membership_expired'),
  ],
  [
    'staff with a revoked lead membership → deny (membership_revoked)',
    () => read(agent('staff'), proj([grant('lead', [], { revokedAt: YESTERDAY })], [NDA_ALL]), it_('deal_terms')),
    DENIED('membership_revoked'),
  ],
  [
    'staff member whose only NDA is for another client → deny (no_nda)',
    () =>
      read(
        agent('staff'),
        proj([grant('member', ['deal_terms'])], [{ clientAccountId: UNRELATED, expiresAt: null, superseded: false }]),
        it_('deal_terms'),
      ),
    DENIED('no_nda'),
  ],
  [
    'contractor whose NDA expires exactly now → deny (no_nda)',
    () =>
      read(
        agent('contractor'),
        proj(
          [grant('member', ['deal_terms'], { expiresAt: NEXT_YEAR })],
          [{ clientAccountId: OWNER, expiresAt: new Date(NOW), superseded: false }],
        ),
        it_('deal_terms'),
      ),
    DENIED('no_nda'),
  ],
  [
    'two active member grants combine their scopes: creative from the second grant → allow',
    () =>
      read(
        agent('staff'),
        proj([grant('member', ['logistics']), grant('member', ['creative'])], [NDA_ALL]),
        it_('creative'),
      ),
    ALLOWED,
  ],
  [
    'an expired grant does not contribute its scopes → deny (scope_missing)',
    () =>
      read(
        agent('staff'),
        proj([grant('member', ['logistics']), grant('member', ['deal_terms'], { expiresAt: YESTERDAY })], [NDA_ALL]),
        it_('deal_terms'),
      ),
    DENIED('scope_missing'),
  ],
  [
    'staff author with read access edits their own item → allow',
    () =>
      edit(agent('staff'), proj([grant('member', ['creative'])], [NDA_ALL]), it_('creative', { authorId: ACTOR_ID })),
    ALLOWED,
  ],
  [
    'staff member edits someone else’s item → deny (not_author_or_lead)',
    () => edit(agent('staff'), proj([grant('member', ['creative'])], [NDA_ALL]), it_('creative')),
    DENIED('not_author_or_lead'),
  ],
  [
    'author who lost the scope cannot edit their own item → deny (scope_missing)',
    () =>
      edit(agent('staff'), proj([grant('member', ['logistics'])], [NDA_ALL]), it_('creative', { authorId: ACTOR_ID })),
    DENIED('scope_missing'),
  ],
  [
    'lead edits someone else’s item → allow',
    () => edit(agent('staff'), proj([grant('lead', [])], [NDA_ALL]), it_('deal_terms')),
    ALLOWED,
  ],
  [
    'revoked lead grant plus an active member grant does not make a lead → deny edit (not_author_or_lead)',
    () =>
      edit(
        agent('staff'),
        proj([grant('lead', [], { revokedAt: YESTERDAY }), grant('member', ['deal_terms'])], [NDA_ALL]),
        it_('deal_terms'),
      ),
    DENIED('not_author_or_lead'),
  ],
  [
    'lead changes classification → allow',
    () => classify(agent('staff'), proj([grant('lead', [])], [NDA_ALL]), it_('creative')),
    ALLOWED,
  ],
  [
    'member author changes classification of their own item → deny (not_lead)',
    () =>
      classify(
        agent('staff'),
        proj([grant('member', ['creative'])], [NDA_ALL]),
        it_('creative', { authorId: ACTOR_ID }),
      ),
    DENIED('not_lead'),
  ],
  [
    'client owner author edits the itinerary they handed over → allow',
    () => edit(clientOf(OWNER), proj(), it_('logistics', { classification: 'high_risk', authorId: ACTOR_ID })),
    ALLOWED,
  ],
  [
    'client owner changes classification → deny (not_lead)',
    () => classify(clientOf(OWNER), proj(), it_('logistics', { authorId: ACTOR_ID })),
    DENIED('not_lead'),
  ],
  [
    'allowlisted lead reveals a credentials value → allow',
    () =>
      reveal(agent('staff'), proj([grant('lead', [])], [NDA_ALL]), it_('credentials', { allowlist: [ACTIVE_ALLOW] })),
    ALLOWED,
  ],
  [
    'lead not on the allowlist reveals a credentials value → deny (not_allowlisted)',
    () => reveal(agent('staff'), proj([grant('lead', [])], [NDA_ALL]), it_('credentials')),
    DENIED('not_allowlisted'),
  ],
  [
    'allowlisted member without the credentials scope reveals → deny (scope_missing)',
    () =>
      reveal(
        agent('staff'),
        proj([grant('member', ['deal_terms'])], [NDA_ALL]),
        it_('credentials', { allowlist: [ACTIVE_ALLOW] }),
      ),
    DENIED('scope_missing'),
  ],
  [
    'client owner reveals the credentials they handed over → allow',
    () => reveal(clientOf(OWNER), proj(), it_('credentials')),
    ALLOWED,
  ],
  [
    'counterparty reveals credentials, even marked shared → deny (high_risk_not_shared)',
    () => reveal(clientOf(COUNTERPARTY), proj(), it_('credentials', { sharedWithCounterparty: true })),
    DENIED('high_risk_not_shared'),
  ],
  [
    'admin with no membership reveals credentials → deny (not_member)',
    () => reveal(agent('admin'), proj([], [NDA_ALL]), it_('credentials', { allowlist: [ACTIVE_ALLOW] })),
    DENIED('not_member'),
  ],
  ['client owner adds a logistics item → allow', () => create(clientOf(OWNER), proj(), 'logistics'), ALLOWED],
  ['client owner adds credentials → allow', () => create(clientOf(OWNER), proj(), 'credentials'), ALLOWED],
  [
    'client owner adds deal terms → deny (category_not_allowed)',
    () => create(clientOf(OWNER), proj(), 'deal_terms'),
    DENIED('category_not_allowed'),
  ],
  [
    'counterparty adds a creative item → deny (not_client_of_project)',
    () => create(clientOf(COUNTERPARTY), proj(), 'creative'),
    DENIED('not_client_of_project'),
  ],
  [
    'contractor creates in a scoped category → allow',
    () =>
      create(
        agent('contractor'),
        proj([grant('member', ['creative'], { expiresAt: NEXT_YEAR })], [NDA_OWNER]),
        'creative',
      ),
    ALLOWED,
  ],
  [
    'contractor creates outside their scopes → deny (scope_missing)',
    () =>
      create(
        agent('contractor'),
        proj([grant('member', ['creative'], { expiresAt: NEXT_YEAR })], [NDA_OWNER]),
        'deal_terms',
      ),
    DENIED('scope_missing'),
  ],
  [
    'unrelated client views the project → deny (not_client_of_project)',
    () => view(clientOf(UNRELATED), proj()),
    DENIED('not_client_of_project'),
  ],
  ['counterparty sees the real client identity → allow', () => identity(clientOf(COUNTERPARTY), proj()), ALLOWED],
  [
    'staff member without the identity scope sees only the codename → deny (scope_missing)',
    () =>
      identity(
        agent('staff'),
        proj([grant('member', ['deal_terms', 'logistics', 'creative', 'communications', 'credentials'])], [NDA_ALL]),
      ),
    DENIED('scope_missing'),
  ],
  [
    'lead sees the real client identity → allow',
    () => identity(agent('staff'), proj([grant('lead', [])], [NDA_ALL])),
    ALLOWED,
  ],
  [
    'contractor with lead grant but no NDA views the project → deny (no_nda)',
    () => view(agent('contractor'), proj([grant('lead', [], { expiresAt: NEXT_YEAR })], [])),
    DENIED('no_nda'),
  ],
  [
    'grant to a contractor without expiry → deny (contractor_needs_expiry)',
    () =>
      checkGrant(
        agent('admin'),
        {
          grantee: { id: SOMEONE_ELSE, role: 'contractor', disabled: false, ndas: [NDA_ALL] },
          clientAccountId: OWNER,
          expiresAt: null,
        },
        NOW,
      ),
    DENIED('contractor_needs_expiry'),
  ],
  [
    'grant to staff whose NDA is for another client → deny (grantee_no_nda)',
    () =>
      checkGrant(
        agent('admin'),
        {
          grantee: {
            id: SOMEONE_ELSE,
            role: 'staff',
            disabled: false,
            ndas: [{ clientAccountId: UNRELATED, expiresAt: null, superseded: false }],
          },
          clientAccountId: OWNER,
          expiresAt: null,
        },
        NOW,
      ),
    DENIED('grantee_no_nda'),
  ],
  [
    'grant to a client user → deny (grantee_not_agency)',
    () =>
      checkGrant(
        agent('admin'),
        {
          grantee: { id: SOMEONE_ELSE, role: 'client', disabled: false, ndas: [NDA_ALL] },
          clientAccountId: OWNER,
          expiresAt: NEXT_YEAR,
        },
        NOW,
      ),
    DENIED('grantee_not_agency'),
  ],
  [
    'grant expiring yesterday → deny (expiry_in_past)',
    () =>
      checkGrant(
        agent('admin'),
        {
          grantee: { id: SOMEONE_ELSE, role: 'staff', disabled: false, ndas: [NDA_ALL] },
          clientAccountId: OWNER,
          expiresAt: YESTERDAY,
        },
        NOW,
      ),
    DENIED('expiry_in_past'),
  ],
  [
    'grant by staff → deny (not_admin)',
    () =>
      checkGrant(
        agent('staff'),
        {
          grantee: { id: SOMEONE_ELSE, role: 'staff', disabled: false, ndas: [NDA_ALL] },
          clientAccountId: OWNER,
          expiresAt: null,
        },
        NOW,
      ),
    DENIED('not_admin'),
  ],
  [
    'admin grants themselves, even with a valid NDA → deny (self_grant)',
    () =>
      checkGrant(
        agent('admin'),
        {
          grantee: { id: ACTOR_ID, role: 'admin', disabled: false, ndas: [NDA_OWNER] },
          clientAccountId: OWNER,
          expiresAt: null,
        },
        NOW,
      ),
    DENIED('self_grant'),
  ],
  [
    'admin grants another admin with a valid NDA → allow',
    () =>
      checkGrant(
        agent('admin'),
        {
          grantee: { id: SOMEONE_ELSE, role: 'admin', disabled: false, ndas: [NDA_OWNER] },
          clientAccountId: OWNER,
          expiresAt: null,
        },
        NOW,
      ),
    ALLOWED,
  ],
  [
    'staff whose NDA was replaced by a material new version reads an item → deny (no_nda)',
    () => read(agent('staff'), proj([grant('lead', [])], [{ ...NDA_ALL, superseded: true }]), it_('deal_terms')),
    DENIED('no_nda'),
  ],
  [
    'grant to staff whose NDA was replaced by a material new version → deny (grantee_no_nda)',
    () =>
      checkGrant(
        agent('admin'),
        {
          grantee: { id: SOMEONE_ELSE, role: 'staff', disabled: false, ndas: [{ ...NDA_ALL, superseded: true }] },
          clientAccountId: OWNER,
          expiresAt: null,
        },
        NOW,
      ),
    DENIED('grantee_no_nda'),
  ],
  [
    'break-glass by the only admin for 24 hours → allow',
    () =>
      checkBreakGlass(agent('admin'), { activeAdmins: 1, expiresAt: new Date(NOW.getTime() + 24 * 3_600_000) }, NOW),
    ALLOWED,
  ],
  [
    'break-glass for 24 hours and a minute → deny (break_glass_too_long)',
    () =>
      checkBreakGlass(
        agent('admin'),
        { activeAdmins: 1, expiresAt: new Date(NOW.getTime() + 24 * 3_600_000 + 60_000) },
        NOW,
      ),
    DENIED('break_glass_too_long'),
  ],
  [
    'break-glass with two active admins → deny (not_single_admin)',
    () => checkBreakGlass(agent('admin'), { activeAdmins: 2, expiresAt: new Date(NOW.getTime() + 3_600_000) }, NOW),
    DENIED('not_single_admin'),
  ],
  [
    'break-glass by staff → deny (not_admin)',
    () => checkBreakGlass(agent('staff'), { activeAdmins: 1, expiresAt: new Date(NOW.getTime() + 3_600_000) }, NOW),
    DENIED('not_admin'),
  ],
  [
    'admin sends an NDA to themselves → deny (self_grant)',
    () => checkNdaFor(agent('admin'), { id: ACTOR_ID, role: 'admin', disabled: false }),
    DENIED('self_grant'),
  ],
  [
    'admin sends an NDA to a contractor → allow',
    () => checkNdaFor(agent('admin'), { id: SOMEONE_ELSE, role: 'contractor', disabled: false }),
    ALLOWED,
  ],
  [
    'staff sends an NDA → deny (not_admin)',
    () => checkNdaFor(agent('staff'), { id: SOMEONE_ELSE, role: 'contractor', disabled: false }),
    DENIED('not_admin'),
  ],
  [
    'contractor grant with NDA for this client and an expiry next year → allow',
    () =>
      checkGrant(
        agent('admin'),
        {
          grantee: { id: SOMEONE_ELSE, role: 'contractor', disabled: false, ndas: [NDA_OWNER] },
          clientAccountId: OWNER,
          expiresAt: NEXT_YEAR,
        },
        NOW,
      ),
    ALLOWED,
  ],
  [
    'lead with a pending (not yet approved) high-risk grant reads the item → deny (allowlist_pending)',
    () =>
      read(
        agent('staff'),
        proj([grant('lead', [])], [NDA_ALL]),
        it_('logistics', { classification: 'high_risk', allowlist: [PENDING_ALLOW] }),
      ),
    DENIED('allowlist_pending'),
  ],
  [
    'lead whose high-risk grant the client refused reads the item → deny (not_allowlisted)',
    () =>
      read(
        agent('staff'),
        proj([grant('lead', [])], [NDA_ALL]),
        it_('logistics', { classification: 'high_risk', allowlist: [REFUSED_ALLOW] }),
      ),
    DENIED('not_allowlisted'),
  ],
  [
    'lead with a refused grant and a later approved one reads the item → allow',
    () =>
      read(
        agent('staff'),
        proj([grant('lead', [])], [NDA_ALL]),
        it_('logistics', { classification: 'high_risk', allowlist: [REFUSED_ALLOW, ACTIVE_ALLOW] }),
      ),
    ALLOWED,
  ],
  [
    'a pending grant on a confidential item changes nothing → allow',
    () =>
      read(
        agent('staff'),
        proj([grant('member', ['deal_terms'])], [NDA_ALL]),
        it_('deal_terms', { allowlist: [PENDING_ALLOW] }),
      ),
    ALLOWED,
  ],
  [
    'pending credentials grant reveals nothing → deny (allowlist_pending)',
    () =>
      reveal(agent('staff'), proj([grant('lead', [])], [NDA_ALL]), it_('credentials', { allowlist: [PENDING_ALLOW] })),
    DENIED('allowlist_pending'),
  ],
  [
    'client owner sees who can see their project → allow',
    () => can(clientOf(OWNER), 'project.view_access', { type: 'project', project: proj() }, NOW),
    ALLOWED,
  ],
  [
    'counterparty brand sees the owner’s roster → deny (not_owner_client)',
    () => can(clientOf(COUNTERPARTY), 'project.view_access', { type: 'project', project: proj() }, NOW),
    DENIED('not_owner_client'),
  ],
  [
    'project lead approves a pending high-risk grant → deny (not_owner_client)',
    () =>
      can(agent('staff'), 'highrisk.approve', { type: 'project', project: proj([grant('lead', [])], [NDA_ALL]) }, NOW),
    DENIED('not_owner_client'),
  ],
  [
    'client owner approves a pending high-risk grant → allow',
    () => can(clientOf(OWNER), 'highrisk.approve', { type: 'project', project: proj() }, NOW),
    ALLOWED,
  ],
  [
    'lead asks for a portfolio authorization of a zero-association client → deny (zero_public_association)',
    () =>
      can(
        agent('staff'),
        'authorization.request',
        {
          type: 'public_use',
          project: proj([grant('lead', [])], [NDA_ALL]),
          client: { id: OWNER, zeroPublicAssociation: true },
        },
        NOW,
      ),
    DENIED('zero_public_association'),
  ],
  [
    'member without the identity scope asks for an authorization → deny (scope_missing)',
    () =>
      can(
        agent('staff'),
        'authorization.request',
        {
          type: 'public_use',
          project: proj([grant('member', ['deal_terms'])], [NDA_ALL]),
          client: { id: OWNER, zeroPublicAssociation: false },
        },
        NOW,
      ),
    DENIED('scope_missing'),
  ],
  [
    'member without the identity scope sees the authorization status → allow',
    () =>
      can(
        agent('staff'),
        'authorization.view',
        {
          type: 'public_use',
          project: proj([grant('member', ['deal_terms'])], [NDA_ALL]),
          client: { id: OWNER, zeroPublicAssociation: false },
        },
        NOW,
      ),
    ALLOWED,
  ],
  [
    'admin without membership asks for an authorization → deny (not_member)',
    () =>
      can(
        agent('admin'),
        'authorization.request',
        { type: 'public_use', project: proj([], [NDA_ALL]), client: { id: OWNER, zeroPublicAssociation: false } },
        NOW,
      ),
    DENIED('not_member'),
  ],
  [
    'client owner signs while demanding zero public association → deny (zero_public_association)',
    () =>
      can(
        clientOf(OWNER),
        'authorization.sign',
        { type: 'public_use', project: proj(), client: { id: OWNER, zeroPublicAssociation: true } },
        NOW,
      ),
    DENIED('zero_public_association'),
  ],
  [
    'lead signs on the client’s behalf → deny (not_owner_client)',
    () =>
      can(
        agent('staff'),
        'authorization.sign',
        {
          type: 'public_use',
          project: proj([grant('lead', [])], [NDA_ALL]),
          client: { id: OWNER, zeroPublicAssociation: false },
        },
        NOW,
      ),
    DENIED('not_owner_client'),
  ],
  [
    'admin revokes a client’s authorization → deny (not_owner_client)',
    () =>
      can(
        agent('admin'),
        'authorization.revoke',
        { type: 'client_account', client: { id: OWNER, zeroPublicAssociation: false } },
        NOW,
      ),
    DENIED('not_owner_client'),
  ],
  [
    'contractor with an NDA for this client asks for access → allow',
    () => can(agent('contractor'), 'access_request.create', { type: 'project', project: proj([], [NDA_OWNER]) }, NOW),
    ALLOWED,
  ],
  [
    'contractor without an NDA asks for access → deny (no_nda)',
    () => can(agent('contractor'), 'access_request.create', { type: 'project', project: proj() }, NOW),
    DENIED('no_nda'),
  ],
  [
    'client asks for agency access → deny (not_agency)',
    () => can(clientOf(OWNER), 'access_request.create', { type: 'project', project: proj() }, NOW),
    DENIED('not_agency'),
  ],
  ['admin explains access → allow', () => can(agent('admin'), 'access.explain', { type: 'system' }, NOW), ALLOWED],
  [
    'staff explains access → deny (not_admin)',
    () => can(agent('staff'), 'access.explain', { type: 'system' }, NOW),
    DENIED('not_admin'),
  ],
];

describe('policy: named cases', () => {
  it.each(NAMED)('%s', (_name, decide, expected) => {
    namedCases++;
    expect(decide()).toEqual(expected);
  });
});

afterAll(() => {
  console.log(`policy-table: ${tableCases} table cases + ${namedCases} named cases checked`);
});

// The profile policy's own imports (kept with its block, below the item policy's table).
import {
  canEditProfile,
  canShortlist,
  canViewProfile,
  PROFILE_FIELDS,
  PROFILE_VISIBILITIES,
  type ProfileFacts,
  type ShortlistFacts,
} from '@/lib/authz/profiles';

// ---------------------------------------------------------------------------------------------------------
// Profiles (issue 14): `profile.view` with its field set, `profile.edit`, `shortlist.*` (lib/authz/profiles.ts)
// ---------------------------------------------------------------------------------------------------------

describe('profile policy table (issue 14)', () => {
  type PersonLabel = 'talent' | 'talent under zero public association' | 'contractor' | 'brand user (no profile)';
  type ViewerLabel =
    | 'the public'
    | 'the person'
    | 'admin'
    | 'staff'
    | 'contractor'
    /** Brand B's member; another brand's member (neither B nor the third brand). */
    | 'member of the proposed-to brand'
    | 'member of another brand'
    | 'disabled staff';
  type StandingLabel =
    | 'none'
    | 'lead, NDA all clients'
    | 'member with identity scope, NDA this client'
    | 'member with deal_terms only, NDA all clients'
    | 'lead, expired'
    | 'lead, revoked'
    | 'lead, no NDA'
    | 'lead, NDA other client'
    | 'lead, NDA superseded';
  type ProposalLabel = 'not proposed' | 'proposed to brand B' | 'proposed to a third brand';

  const PERSON_ID = 'user-person';
  const PERSON_ACCOUNT = 'acct-person-talent';
  const BRAND = 'acct-brand';
  const OTHER_BRAND = 'acct-other-brand';
  const THIRD_BRAND = 'acct-third-brand';
  const PERSONS: readonly PersonLabel[] = [
    'talent',
    'talent under zero public association',
    'contractor',
    'brand user (no profile)',
  ];
  const VIEWERS: readonly ViewerLabel[] = [
    'the public',
    'the person',
    'admin',
    'staff',
    'contractor',
    'member of the proposed-to brand',
    'member of another brand',
    'disabled staff',
  ];
  const STANDINGS: readonly StandingLabel[] = [
    'none',
    'lead, NDA all clients',
    'member with identity scope, NDA this client',
    'member with deal_terms only, NDA all clients',
    'lead, expired',
    'lead, revoked',
    'lead, no NDA',
    'lead, NDA other client',
    'lead, NDA superseded',
  ];
  const PROPOSALS: readonly ProposalLabel[] = ['not proposed', 'proposed to brand B', 'proposed to a third brand'];
  // One field per interesting case: each visibility, a staffing field, and never-public fields kept private.
  const FIELDS = [
    { field: 'display_name', visibility: 'public' },
    { field: 'bio', visibility: 'private' },
    { field: 'media_kit', visibility: 'brand' },
    { field: 'portfolio_links', visibility: 'public' },
    { field: 'experience', visibility: 'private' },
    { field: 'skills', visibility: 'brand' },
    { field: 'rates', visibility: 'private' },
    { field: 'contact', visibility: 'brand' },
  ] as const;
  const STAFFING = ['display_name', 'experience', 'skills'];

  // ---- The oracle: the sentences as booleans over the labels ----
  function expectedFields(
    person: PersonLabel,
    viewer: ViewerLabel,
    standing: StandingLabel,
    proposal: ProposalLabel,
  ): string[] | null {
    if (viewer === 'disabled staff' || person === 'brand user (no profile)') return null;
    const isContractor = person === 'contractor';
    const zeroPublic = person === 'talent under zero public association';
    const agencyViewer = viewer === 'admin' || viewer === 'staff' || viewer === 'contractor';
    const clearedStanding =
      standing === 'lead, NDA all clients' || standing === 'member with identity scope, NDA this client';
    const seesAll =
      viewer === 'the person' ||
      (isContractor && viewer === 'admin') ||
      (!isContractor && agencyViewer && clearedStanding);
    const staffing = isContractor && viewer === 'staff';
    const brand = !isContractor && viewer === 'member of the proposed-to brand' && proposal === 'proposed to brand B';
    const fields = FIELDS.filter((f) => {
      const publicHere = f.visibility === 'public' && !zeroPublic;
      if (seesAll) return true;
      if (staffing) return STAFFING.includes(f.field) || publicHere;
      if (brand) return f.visibility === 'brand' || f.visibility === 'public';
      return publicHere;
    }).map((f) => f.field as string);
    return fields.length === 0 && !seesAll ? null : fields;
  }

  // ---- Facts, built from the labels separately ----
  function viewerActor(viewer: ViewerLabel): Actor | null {
    switch (viewer) {
      case 'the public':
        return null;
      case 'the person':
        return { id: PERSON_ID, role: 'client', disabled: false, clientAccountIds: [PERSON_ACCOUNT] };
      case 'admin':
      case 'staff':
      case 'contractor':
        return { id: ACTOR_ID, role: viewer, disabled: false, clientAccountIds: [] };
      case 'disabled staff':
        return { id: ACTOR_ID, role: 'staff', disabled: true, clientAccountIds: [] };
      case 'member of the proposed-to brand':
        return { id: ACTOR_ID, role: 'client', disabled: false, clientAccountIds: [BRAND] };
      case 'member of another brand':
        return { id: ACTOR_ID, role: 'client', disabled: false, clientAccountIds: [OTHER_BRAND] };
    }
  }
  function standingProject(standing: StandingLabel): ProjectFacts {
    const lead = {
      role: 'lead' as const,
      scopes: [] as string[],
      expiresAt: null as Date | null,
      revokedAt: null as Date | null,
    };
    const allClients = { clientAccountId: null, expiresAt: null, superseded: false };
    const table: Record<StandingLabel, { memberships: MembershipFact[]; ndas: NdaFact[] }> = {
      none: { memberships: [], ndas: [allClients] },
      'lead, NDA all clients': { memberships: [lead], ndas: [allClients] },
      'member with identity scope, NDA this client': {
        memberships: [{ ...lead, role: 'member', scopes: ['identity', 'creative'] }],
        ndas: [{ clientAccountId: PERSON_ACCOUNT, expiresAt: NEXT_YEAR, superseded: false }],
      },
      'member with deal_terms only, NDA all clients': {
        memberships: [{ ...lead, role: 'member', scopes: ['deal_terms'] }],
        ndas: [allClients],
      },
      'lead, expired': { memberships: [{ ...lead, expiresAt: YESTERDAY }], ndas: [allClients] },
      'lead, revoked': { memberships: [{ ...lead, revokedAt: YESTERDAY }], ndas: [allClients] },
      'lead, no NDA': { memberships: [lead], ndas: [] },
      'lead, NDA other client': {
        memberships: [lead],
        ndas: [{ clientAccountId: UNRELATED, expiresAt: null, superseded: false }],
      },
      'lead, NDA superseded': { memberships: [lead], ndas: [{ ...allClients, superseded: true }] },
    };
    return { id: PROJECT, clientAccountId: PERSON_ACCOUNT, counterpartyAccountId: null, ...table[standing] };
  }
  function personFacts(
    person: PersonLabel,
    viewer: ViewerLabel,
    standing: StandingLabel,
    proposal: ProposalLabel,
  ): ProfileFacts {
    return {
      userId: PERSON_ID,
      holder: person === 'contractor' ? 'contractor' : person === 'brand user (no profile)' ? null : 'talent',
      zeroPublicAssociation: person === 'talent under zero public association',
      projects: person === 'contractor' || viewer === 'the public' ? [] : [standingProject(standing)],
      proposedToBrands:
        proposal === 'proposed to brand B' ? [BRAND] : proposal === 'proposed to a third brand' ? [THIRD_BRAND] : [],
    };
  }

  const cases: { person: PersonLabel; viewer: ViewerLabel; standing: StandingLabel; proposal: ProposalLabel }[] = [];
  for (const person of PERSONS)
    for (const viewer of VIEWERS)
      for (const standing of STANDINGS)
        for (const proposal of PROPOSALS) cases.push({ person, viewer, standing, proposal });

  it(`profile.view: ${cases.length} cases agree with the oracle`, () => {
    const disagreements: string[] = [];
    for (const c of cases) {
      const expected = expectedFields(c.person, c.viewer, c.standing, c.proposal);
      const actor = viewerActor(c.viewer);
      // "The person" holds the profile: their id is the person's; a contractor person is a contractor.
      const asPerson =
        c.viewer === 'the person' && c.person === 'contractor'
          ? { ...actor!, role: 'contractor' as const, clientAccountIds: [] }
          : actor;
      const decision = canViewProfile(asPerson, personFacts(c.person, c.viewer, c.standing, c.proposal), FIELDS, NOW);
      const got = decision.allowed ? [...decision.fields].sort() : null;
      const want = expected ? [...expected].sort() : null;
      if (JSON.stringify(got) !== JSON.stringify(want))
        disagreements.push(`${JSON.stringify(c)}: expected ${JSON.stringify(want)}, got ${JSON.stringify(got)}`);
    }
    expect(disagreements).toEqual([]);
  });

  it('profile.edit: the person alone, and rates, location, date of birth and contact never public', () => {
    const facts = personFacts('talent', 'the person', 'none', 'not proposed');
    const person = viewerActor('the person')!;
    for (const field of PROFILE_FIELDS) {
      for (const visibility of PROFILE_VISIBILITIES) {
        const neverPublic = ['rates', 'location', 'date_of_birth', 'contact'].includes(field);
        expect(canEditProfile(person, facts, { field, visibility }).allowed, `${field} ${visibility}`).toBe(
          !(neverPublic && visibility === 'public'),
        );
      }
    }
    for (const viewer of VIEWERS.filter((v) => v !== 'the person' && v !== 'the public')) {
      expect(canEditProfile(viewerActor(viewer)!, facts).allowed, viewer).toBe(false);
    }
    expect(
      canEditProfile(person, personFacts('brand user (no profile)', 'the person', 'none', 'not proposed')).allowed,
    ).toBe(false);
  });

  it('shortlist.*: staff create, add only creators they are cleared for, propose their own drafts; the author and the brand once proposed view', () => {
    const list = (over: Partial<ShortlistFacts> = {}): ShortlistFacts => ({
      createdBy: ACTOR_ID,
      brandAccountId: BRAND,
      brandIsBrand: true,
      proposed: false,
      ...over,
    });
    const staff = viewerActor('staff')!;
    const cleared = personFacts('talent', 'staff', 'lead, NDA all clients', 'not proposed');
    const uncleared = personFacts('talent', 'staff', 'member with deal_terms only, NDA all clients', 'not proposed');
    const contractorPerson = personFacts('contractor', 'staff', 'none', 'not proposed');
    expect(canShortlist(staff, 'shortlist.create', list()).allowed).toBe(true);
    expect(canShortlist(staff, 'shortlist.create', list({ brandIsBrand: false })).allowed).toBe(false);
    for (const viewer of ['admin', 'contractor', 'member of the proposed-to brand', 'disabled staff'] as const) {
      for (const action of ['shortlist.create', 'shortlist.add', 'shortlist.propose'] as const) {
        expect(canShortlist(viewerActor(viewer)!, action, list(), cleared, NOW).allowed, `${viewer} ${action}`).toBe(
          false,
        );
      }
    }
    expect(canShortlist(staff, 'shortlist.add', list(), cleared, NOW).allowed).toBe(true);
    expect(canShortlist(staff, 'shortlist.add', list(), uncleared, NOW).allowed).toBe(false);
    expect(canShortlist(staff, 'shortlist.add', list(), contractorPerson, NOW).allowed).toBe(false);
    expect(canShortlist(staff, 'shortlist.add', list({ proposed: true }), cleared, NOW).allowed).toBe(false);
    expect(canShortlist(staff, 'shortlist.add', list({ createdBy: SOMEONE_ELSE }), cleared, NOW).allowed).toBe(false);
    expect(canShortlist(staff, 'shortlist.propose', list()).allowed).toBe(true);
    expect(canShortlist(staff, 'shortlist.propose', list({ proposed: true })).allowed).toBe(false);
    expect(canShortlist(staff, 'shortlist.propose', list({ createdBy: SOMEONE_ELSE })).allowed).toBe(false);
    const brandMember = viewerActor('member of the proposed-to brand')!;
    expect(canShortlist(staff, 'shortlist.view', list()).allowed).toBe(true);
    expect(canShortlist(brandMember, 'shortlist.view', list({ createdBy: SOMEONE_ELSE })).allowed).toBe(false);
    expect(canShortlist(brandMember, 'shortlist.view', list({ createdBy: SOMEONE_ELSE, proposed: true })).allowed).toBe(
      true,
    );
    expect(
      canShortlist(
        viewerActor('member of another brand')!,
        'shortlist.view',
        list({ createdBy: SOMEONE_ELSE, proposed: true }),
      ).allowed,
    ).toBe(false);
    expect(
      canShortlist(viewerActor('admin')!, 'shortlist.view', list({ createdBy: SOMEONE_ELSE, proposed: true })).allowed,
    ).toBe(false);
  });
});

// ---------------------------------------------------------------------------------------------------------
// Events (issue 14): an oracle of its own, over the same labels
// ---------------------------------------------------------------------------------------------------------

type EventAllowLabel = 'not on the event allowlist' | 'on the event allowlist' | 'event allowlist entry revoked';
const EVENT_ALLOWLISTS: readonly EventAllowLabel[] = [
  'not on the event allowlist',
  'on the event allowlist',
  'event allowlist entry revoked',
];
const EVENT_ACTIONS = ['event.view', 'event.manage', 'event.view_restricted'] as const;

/**
 * Issue 14: "Staff with the logistics scope manage it; the owning client sees everything about their events";
 * venue and needs "readable only by the people on the event's allowlist and the owning client".
 */
function eventOracle(
  k: Kind,
  m: MembershipLabel,
  nda: NdaLabel,
  a: EventAllowLabel,
  action: (typeof EVENT_ACTIONS)[number],
): boolean {
  if (k.disabled) return false;
  if (k.role === 'client') return k.inOwner && action !== 'event.manage';
  const logisticsStaff = m.state === 'active' && ndaValid(nda) && (m.role === 'lead' || m.scope === 'present');
  if (!logisticsStaff) return false;
  return action !== 'event.view_restricted' || a === 'on the event allowlist';
}

const eventAllowFacts = (a: EventAllowLabel) =>
  a === 'on the event allowlist'
    ? [{ revokedAt: null }]
    : a === 'event allowlist entry revoked'
      ? [{ revokedAt: YESTERDAY }]
      : [];

describe('policy table: events (issue 14)', () => {
  it.each(KINDS.map((k) => [k.name, k] as const))('event.* by %s', (_label, k) => {
    const actor = actorOf(k);
    const mismatches: Mismatch[] = [];
    let checked = 0;
    for (const m of MEMBERSHIPS) {
      for (const nda of NDAS) {
        for (const a of EVENT_ALLOWLISTS) {
          for (const action of EVENT_ACTIONS) {
            const got = can(
              actor,
              action,
              {
                type: 'event',
                project: projectOf(m, nda, 'logistics'),
                event: { id: 'event-1', allowlist: eventAllowFacts(a) },
              },
              NOW,
            );
            const want = eventOracle(k, m, nda, a, action);
            checked++;
            if (got.allowed !== want || !denyReasonIsSane(got, k)) {
              mismatches.push({
                scenario: `${action} | ${k.name} | ${m.name} | NDA ${nda} | ${a}`,
                expected: want,
                got,
              });
            }
          }
        }
      }
    }
    expectNoMismatch(mismatches, checked);
  });

  it('a new event (no event yet) is never restricted-readable; the counterparty brand sees no event', () => {
    const owner = actorOf(KINDS.find((k) => k.name === 'client-owner member')!);
    const brand = actorOf(KINDS.find((k) => k.name === 'client-counterparty member')!);
    const project = projectOf(MEMBERSHIPS[0]!, 'none', 'logistics');
    expect(can(owner, 'event.view_restricted', { type: 'event', project, event: null }, NOW).allowed).toBe(false);
    expect(can(owner, 'event.view', { type: 'event', project, event: null }, NOW).allowed).toBe(true);
    for (const action of EVENT_ACTIONS)
      expect(can(brand, action, { type: 'event', project, event: { id: 'e', allowlist: [] } }, NOW).allowed).toBe(
        false,
      );
  });
});
