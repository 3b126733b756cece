/**
 * Access administration through the data-access layer (docs/product.md §4): grants need an NDA (and, for contractors,
 * an expiry), take effect and end on the very next call, the allowlist adds to the policy without replacing
 * it, only the admin administers, and the admin never sees content or real client names.
 */
import { createNdaVersion } from '@/lib/dal/ndas/create-nda-version';
import { listNdaSignatures } from '@/lib/dal/ndas/list-nda-signatures';
import { listNdaVersions } from '@/lib/dal/ndas/list-nda-versions';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '@/db/client';
import { allowlistEntries, memberships, ndaVersions } from '@/db/schema';
import { DEMO_CANARIES, seedDemoWorld } from '@/db/seed/demo-world';
import type { Actor } from '@/lib/authz/types';
import { getProjectAccess } from '@/lib/dal/memberships/read-project-access';
import { grantAllowlistEntry } from '@/lib/dal/allowlist/grant-allowlist-entry';
import { grantMembership } from '@/lib/dal/memberships/grant-membership';
import { revokeAllowlistEntry } from '@/lib/dal/allowlist/revoke-allowlist-entry';
import { revokeMembership } from '@/lib/dal/memberships/revoke-membership';
import { listAuditEvents } from '@/lib/dal/audit/list-audit-events';
import { listAuditFilterOptions } from '@/lib/dal/audit/list-audit-filter-options';
import { createClientAccount } from '@/lib/dal/clients/create-client-account';
import { listClientAccountOptions } from '@/lib/dal/clients/list-client-account-options';
import { listClientAccounts } from '@/lib/dal/clients/list-client-accounts';
import { sendNda } from '@/lib/dal/ndas/send-nda';
import { signNda } from '@/lib/dal/ndas/sign-nda';
import { inviteUser } from '@/lib/dal/people/invite-user';
import { listPeople } from '@/lib/dal/people/list-people';
import { listPendingInvitations } from '@/lib/dal/people/list-pending-invitations';
import { setUserDisabled } from '@/lib/dal/people/set-user-disabled';
import { createProject } from '@/lib/dal/projects/create-project';
import { listProjectsForAdmin } from '@/lib/dal/projects/list-projects-for-admin';
import { readItem } from '@/lib/dal/items/read-item';
import { listVisibleProjects } from '@/lib/dal/projects/list-visible-projects';
import { demoActors, meta, type DemoKey } from '../helpers/actors';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { auditSince, itemIdsByCanary, lastAuditId, type Canary } from '../helpers/demo';
import { expectAppError } from '../helpers/expect';

const NDA_MESSAGE = 'No valid NDA covering this client is on file for this person. Send them the NDA to sign first.';
const SELF_MESSAGE =
  'You cannot grant yourself access. Ask for it at Access requests: another admin decides (or, as the only admin, use break-glass).';
const EXPIRY_MESSAGE = 'Contractor access always needs an expiry date.';
const DAY = 86_400_000;

let database: TestDatabase;
let actors: Record<DemoKey, Actor>;
let ids: Record<Canary, string>;
let aurora: string;
let borealis: string;

beforeAll(async () => {
  database = await createTestDatabase();
  const seeded = await seedDemoWorld(database.db);
  ({ aurora, borealis } = seeded.projects);
  actors = await demoActors(database.db);
  ids = await itemIdsByCanary(database.db);
});

afterAll(async () => {
  await database?.dispose();
});

const reads = async (key: DemoKey, canary: Canary) => (await readItem(actors[key], ids[canary], meta)) !== null;
const versionSha = async (versionId: string) =>
  (await database.db.select({ sha: ndaVersions.bodySha256 }).from(ndaVersions).where(eq(ndaVersions.id, versionId)))[0]!
    .sha;
const membershipsOf = (key: DemoKey, projectId: string) =>
  database.db
    .select()
    .from(memberships)
    .where(and(eq(memberships.userId, actors[key].id), eq(memberships.projectId, projectId)));

describe('grantMembership', () => {
  it('refuses someone without an NDA with a clear message, audits the refusal and grants nothing', async () => {
    const before = await lastAuditId(database.db);
    await expectAppError(
      grantMembership(
        actors.ada,
        {
          projectId: aurora,
          userId: actors.nina.id,
          role: 'member',
          scopes: ['creative'],
          expiresAt: new Date(Date.now() + 30 * DAY),
        },
        meta,
      ),
      'invalid',
      NDA_MESSAGE,
    );
    expect(await membershipsOf('nina', aurora)).toEqual([]);
    expect(await auditSince(database.db, before)).toMatchObject([
      {
        action: 'membership.grant',
        outcome: 'denied',
        actorId: actors.ada.id,
        targetId: actors.nina.id,
        projectId: aurora,
        reason: 'grantee_no_nda',
        ip: meta.ip,
      },
    ]);
    expect(await reads('nina', 'AURORA-SCRIPT-V2')).toBe(false);
  });

  it('refuses clients as grantees and expiry dates in the past, granting nothing', async () => {
    await expectAppError(
      grantMembership(
        actors.ada,
        { projectId: aurora, userId: actors.brian.id, role: 'member', scopes: ['deal_terms'] },
        meta,
      ),
      'invalid',
      'Only active staff and contractors can be granted project access.',
    );
    expect(await membershipsOf('brian', aurora)).toEqual([]);
    await expectAppError(
      grantMembership(
        actors.ada,
        {
          projectId: borealis,
          userId: actors.sam.id,
          role: 'member',
          scopes: ['deal_terms'],
          expiresAt: new Date(Date.now() - DAY),
        },
        meta,
      ),
      'invalid',
      'The expiry date must be in the future.',
    );
    expect(await membershipsOf('sam', borealis)).toEqual([]);
    expect(await reads('sam', 'BOREALIS-RATE')).toBe(false);
  });

  it('the admin never grants herself access (separation of duties): refused as a self-grant, audited, nothing granted', async () => {
    const before = await lastAuditId(database.db);
    await expectAppError(
      grantMembership(actors.ada, { projectId: borealis, userId: actors.ada.id, role: 'lead', scopes: [] }, meta),
      'invalid',
      SELF_MESSAGE,
    );
    expect(await auditSince(database.db, before)).toMatchObject([
      { action: 'membership.grant', outcome: 'denied', reason: 'self_grant' },
    ]);
    expect(await membershipsOf('ada', borealis)).toEqual([]);
  });

  it('a contractor needs an NDA covering this client, then an expiry date', async () => {
    const creative = {
      projectId: borealis,
      userId: actors.cora.id,
      role: 'member' as const,
      scopes: ['creative' as const],
    };
    // Cora's NDA covers Nova Reyes' account only.
    await expectAppError(
      grantMembership(actors.ada, { ...creative, expiresAt: new Date(Date.now() + 30 * DAY) }, meta),
      'invalid',
      NDA_MESSAGE,
    );

    const [contractorNda] = await database.db
      .select({ id: ndaVersions.id })
      .from(ndaVersions)
      .where(eq(ndaVersions.title, 'Contractor NDA'));
    const { id: requestId } = await sendNda(
      actors.ada,
      { userId: actors.cora.id, ndaVersionId: contractorNda!.id },
      meta,
    );
    await signNda(
      actors.cora,
      { requestId, fullName: 'Cora Editor', textSha256: await versionSha(contractorNda!.id) },
      meta,
    );

    const before = await lastAuditId(database.db);
    await expectAppError(grantMembership(actors.ada, creative, meta), 'invalid', EXPIRY_MESSAGE);
    expect(await auditSince(database.db, before)).toMatchObject([
      { action: 'membership.grant', outcome: 'denied', reason: 'contractor_needs_expiry' },
    ]);
    expect(await membershipsOf('cora', borealis)).toEqual([]);
    expect(await reads('cora', 'BOREALIS-UNRELEASED')).toBe(false);

    await grantMembership(actors.ada, { ...creative, expiresAt: new Date(Date.now() + 30 * DAY) }, meta);
    expect(await membershipsOf('cora', borealis)).toHaveLength(1);
    expect(await reads('cora', 'BOREALIS-UNRELEASED')).toBe(true);
    expect(await reads('cora', 'BOREALIS-RATE')).toBe(false);
  });

  it('a grant takes effect on the next call, and a revocation ends it on the very next call', async () => {
    expect(await reads('oscar', 'AURORA-RATE-250K')).toBe(false);
    const before = await lastAuditId(database.db);
    const { id } = await grantMembership(
      actors.ada,
      { projectId: aurora, userId: actors.oscar.id, role: 'member', scopes: ['deal_terms'] },
      meta,
    );
    expect(await auditSince(database.db, before)).toMatchObject([
      { action: 'membership.grant', outcome: 'allowed', targetId: actors.oscar.id, projectId: aurora },
    ]);
    expect((await readItem(actors.oscar, ids['AURORA-RATE-250K'], meta))?.title).toContain('AURORA-RATE-250K');
    expect(await reads('oscar', 'AURORA-SHOOT-SCHEDULE')).toBe(false);
    // No identity scope: Aurora appears by codename only.
    expect((await listVisibleProjects(actors.oscar)).map((p) => [p.codename, p.clientName])).toEqual([
      ['Aurora', null],
      ['Borealis', 'Kai Storm'],
    ]);

    await revokeMembership(actors.ada, { membershipId: id }, meta);
    expect(await readItem(actors.oscar, ids['AURORA-RATE-250K'], meta)).toBeNull();
    expect((await listVisibleProjects(actors.oscar)).map((p) => p.codename)).toEqual(['Borealis']);
    await expectAppError(revokeMembership(actors.ada, { membershipId: id }, meta), 'invalid');
  });

  it('an expired membership reads nothing', async () => {
    const { id } = await grantMembership(
      actors.ada,
      {
        projectId: aurora,
        userId: actors.oscar.id,
        role: 'member',
        scopes: ['deal_terms'],
        expiresAt: new Date(Date.now() + DAY),
      },
      meta,
    );
    expect(await reads('oscar', 'AURORA-RATE-250K')).toBe(true);
    await database.db
      .update(memberships)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(memberships.id, id));
    expect(await readItem(actors.oscar, ids['AURORA-RATE-250K'], meta)).toBeNull();
    expect((await listVisibleProjects(actors.oscar)).map((p) => p.codename)).toEqual(['Borealis']);
  });
});

describe('the high-risk allowlist', () => {
  it('only high-risk items have an allowlist', async () => {
    const [{ n: before }] = rowsOf<{ n: number }>(
      await database.db.execute(sql`select count(*)::int as n from allowlist_entries`),
    ) as [{ n: number }];
    await expectAppError(
      grantAllowlistEntry(
        actors.ada,
        { itemId: ids['AURORA-RATE-250K'], userId: actors.finn.id, reason: 'test' },
        meta,
      ),
      'invalid',
      'Only high-risk items have an allowlist.',
    );
    const [{ n: after }] = rowsOf<{ n: number }>(
      await database.db.execute(sql`select count(*)::int as n from allowlist_entries`),
    ) as [{ n: number }];
    expect(after).toBe(before);
  });

  it('an entry adds to the policy: finn needs the logistics scope as well, and loses access when it is revoked', async () => {
    const itinerary = ids['AURORA-HR-ITINERARY'];
    const { id: entryId } = await grantAllowlistEntry(
      actors.ada,
      { itemId: itinerary, userId: actors.finn.id, reason: 'Handles travel costs' },
      meta,
    );
    expect(await database.db.select().from(allowlistEntries).where(eq(allowlistEntries.id, entryId))).toHaveLength(1);
    expect(await reads('finn', 'AURORA-HR-ITINERARY')).toBe(false);

    await grantMembership(
      actors.ada,
      { projectId: aurora, userId: actors.finn.id, role: 'member', scopes: ['logistics'] },
      meta,
    );
    expect((await readItem(actors.finn, itinerary, meta))?.body).toContain('AURORA-HR-ITINERARY');
    expect(await reads('finn', 'AURORA-SHOOT-SCHEDULE')).toBe(true);
    expect(await reads('finn', 'AURORA-RATE-250K')).toBe(true); // the two grants combine

    await revokeAllowlistEntry(actors.ada, { entryId }, meta);
    expect(await readItem(actors.finn, itinerary, meta)).toBeNull();
    expect(await reads('finn', 'AURORA-SHOOT-SCHEDULE')).toBe(true);
  });
});

describe('only the admin administers', () => {
  const anyId = '00000000-0000-4000-8000-000000000000';
  const calls: [string, (a: Actor) => Promise<unknown>][] = [
    ['getProjectAccess', (a) => getProjectAccess(a, anyId)],
    ['grantMembership', (a) => grantMembership(a, { projectId: anyId, userId: a.id, role: 'lead', scopes: [] }, meta)],
    ['revokeMembership', (a) => revokeMembership(a, { membershipId: anyId }, meta)],
    ['grantAllowlistEntry', (a) => grantAllowlistEntry(a, { itemId: anyId, userId: a.id, reason: 'x' }, meta)],
    ['revokeAllowlistEntry', (a) => revokeAllowlistEntry(a, { entryId: anyId }, meta)],
    ['listAuditEvents', (a) => listAuditEvents(a, {})],
    ['listAuditFilterOptions', (a) => listAuditFilterOptions(a)],
    ['listClientAccounts', (a) => listClientAccounts(a)],
    ['listClientAccountOptions', (a) => listClientAccountOptions(a)],
    ['createClientAccount', (a) => createClientAccount(a, { kind: 'talent', name: 'X', codename: 'Client X' }, meta)],
    ['listNdaVersions', (a) => listNdaVersions(a)],
    ['createNdaVersion', (a) => createNdaVersion(a, { title: 'X', body: 'x', material: true }, meta)],
    ['listNdaSignatures', (a) => listNdaSignatures(a)],
    ['sendNda', (a) => sendNda(a, { userId: anyId, ndaVersionId: anyId }, meta)],
    ['listPeople', (a) => listPeople(a)],
    ['listPendingInvitations', (a) => listPendingInvitations(a)],
    ['inviteUser', (a) => inviteUser(a, { email: 'x@example.test', name: 'X', role: 'staff' }, meta)],
    ['setUserDisabled', (a) => setUserDisabled(a, { userId: anyId, disabled: true }, meta)],
    ['listProjectsForAdmin', (a) => listProjectsForAdmin(a)],
    ['createProject', (a) => createProject(a, { codename: 'X', clientAccountId: anyId }, meta)],
  ];

  const snapshot = async () =>
    rowsOf(
      await database.db
        .execute(sql`select (select count(*) from memberships)::int as m, (select count(*) from allowlist_entries)::int as a,
        (select count(*) from nda_signatures)::int as s, (select count(*) from nda_versions)::int as v, (select count(*) from client_accounts)::int as c,
        (select count(*) from projects)::int as p, (select count(*) from invitations)::int as i, (select count(*) from users where disabled_at is not null)::int as d`),
    );

  it.each(['sam', 'finn', 'cora', 'oscar', 'nova', 'brian'] as const)(
    '%s is answered "not found" by every admin function, and nothing changes',
    async (key) => {
      const before = await snapshot();
      for (const [name, call] of calls) {
        const error = await expectAppError(call(actors[key]), 'not_found').catch((e: unknown) => {
          throw new Error(`${name} did not answer not_found for ${key}: ${String(e)}`);
        });
        expect(error.message).toBe('Not found.');
      }
      expect(await snapshot()).toEqual(before);
    },
  );

  it('a disabled admin is refused too', async () => {
    await expectAppError(getProjectAccess({ ...actors.ada, disabled: true }, aurora), 'not_found');
  });
});

describe('the admin never reads content', () => {
  it('the access pages name items by category and reference, with codenames only', async () => {
    const admin = await listProjectsForAdmin(actors.ada);
    for (const project of [aurora, borealis]) {
      const result = await getProjectAccess(actors.ada, project);
      expect(result).not.toBeNull();
      expect(result!.highRiskItems.length).toBeGreaterThan(0);
      for (const item of result!.highRiskItems)
        expect(item.label).toMatch(/^(Deal terms|Logistics|Creative|Communications|Credentials) item #\d+$/);
      const text = JSON.stringify(result);
      for (const secret of [
        ...DEMO_CANARIES,
        'Nova Reyes',
        'Kai Storm',
        'Lumen Cosmetics',
        'itinerary',
        'Security arrangements',
        'Instagram',
      ]) {
        expect(text, `access page must not contain ${secret}`).not.toContain(secret);
      }
    }
    const aur = await getProjectAccess(actors.ada, aurora);
    expect(aur!.project).toMatchObject({ codename: 'Aurora', ownerCodename: 'Client Vega' });
    // The itinerary, Nova's credentials hand-over and her passport scan (docs/product.md §9.1).
    expect(aur!.highRiskItems.map((i) => i.label).sort()).toEqual([
      expect.stringMatching(/^Credentials item #\d+$/),
      expect.stringMatching(/^Logistics item #\d+$/),
      expect.stringMatching(/^Logistics item #\d+$/),
    ]);
    expect(JSON.stringify(admin)).not.toMatch(/Nova Reyes|Kai Storm|Lumen Cosmetics/);
  });

  it('after all that, readItem still answers null to the admin for every demo item', async () => {
    for (const canary of DEMO_CANARIES) expect(await readItem(actors.ada, ids[canary], meta), canary).toBeNull();
  });
});
