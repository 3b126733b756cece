/**
 * Retention runs through the data-access layer: fixtures a day on either side of each limit, a dry run that
 * changes nothing, a real run that removes exactly the eligible records and skips held ones, a receipt in the
 * audit log, and a second run that changes nothing.
 */
import { and, count, eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '@/db/client';
import {
  auditEvents,
  clientAccountMembers,
  clientAccounts,
  invitations,
  items,
  privacyRequests,
  projects,
  users,
} from '@/db/schema';
import { seedDemoWorld } from '@/db/seed/demo-world';
import type { Actor } from '@/lib/authz/types';
import { submitPublicRequest } from '@/lib/dal/privacy/submit-public-request';
import { listLegalHolds } from '@/lib/dal/privacy/list-legal-holds';
import { placeLegalHold } from '@/lib/dal/privacy/place-legal-hold';
import { releaseLegalHold } from '@/lib/dal/privacy/release-legal-hold';
import { updateRetentionRule } from '@/lib/dal/privacy/update-retention-rule';
import { runRetention, type RunReport } from '@/lib/dal/privacy/retention-run';
import { withActor } from '@/lib/dal/transaction';
import { addDays, isoDay, retentionCutoff } from '@/lib/privacy/clocks';
import { demoActors, meta, type DemoKey } from '../helpers/actors';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { expectAppError } from '../helpers/expect';
import { publicRequest } from '../helpers/privacy';

let database: TestDatabase;
let actors: Record<DemoKey, Actor>;
const now = new Date();
const cut = {
  contacts: retentionCutoff(now, 3, 'years'),
  contracts: retentionCutoff(now, 5, 'years'),
  content: retentionCutoff(now, 365, 'days'),
  requests: retentionCutoff(now, 30, 'days'),
};
const before = (d: Date) => addDays(d, -1);
const after = (d: Date) => addDays(d, 1);
const ids: Record<string, string> = {};

async function project(
  codename: string,
  account: string,
  status: 'active' | 'closed',
  endsOn: Date,
  categories: string[],
) {
  const [p] = await database.db
    .insert(projects)
    .values({ codename, clientAccountId: account, status, endsOn: isoDay(endsOn) })
    .returning({ id: projects.id });
  ids[codename] = p!.id;
  for (const category of categories) {
    await database.db.insert(items).values({
      projectId: p!.id,
      category: category as 'creative',
      title: `${codename} ${category}`,
      body: 'fixture',
      authorId: actors.sam.id,
    });
  }
}

async function person(key: string, role: 'contractor' | 'client' | 'staff', createdAt: Date, account?: string) {
  const [u] = await database.db
    .insert(users)
    .values({ email: `${key}@fixture.test`, name: key, role, createdAt })
    .returning({ id: users.id });
  ids[key] = u!.id;
  if (account) await database.db.insert(clientAccountMembers).values({ userId: u!.id, clientAccountId: account });
}

beforeAll(async () => {
  database = await createTestDatabase();
  await seedDemoWorld(database.db);
  actors = await demoActors(database.db);
  const [held, free] = await database.db
    .insert(clientAccounts)
    .values([
      { kind: 'talent', name: 'Hilda Held', codename: 'Client Held' },
      { kind: 'talent', name: 'Fred Free', codename: 'Client Free' },
    ])
    .returning({ id: clientAccounts.id });
  ids.heldAccount = held!.id;
  await project('ContentOld', free!.id, 'closed', before(cut.content), ['deal_terms', 'logistics', 'creative']);
  await project('ContentRecent', free!.id, 'closed', after(cut.content), ['creative']);
  await project('ContentOnCutoff', free!.id, 'closed', cut.content, ['creative']);
  await project('StillActive', free!.id, 'active', before(cut.contracts), ['creative', 'deal_terms']);
  await project('ContractOld', free!.id, 'closed', before(cut.contracts), ['deal_terms']);
  await project('ContractRecent', free!.id, 'closed', after(cut.contracts), ['deal_terms']);
  await project('HeldOld', held!.id, 'closed', before(cut.contracts), ['deal_terms', 'creative']);
  await person('contractor-old', 'contractor', before(cut.contacts));
  await person('contractor-recent', 'contractor', after(cut.contacts));
  await person('client-held', 'client', before(cut.contacts), held!.id);
  await person('staff-old', 'staff', before(cut.contacts));
  await database.db.insert(invitations).values([
    {
      email: 'invite-old@fixture.test',
      name: 'Old',
      role: 'staff',
      tokenHash: 'a'.repeat(64),
      invitedBy: actors.ada.id,
      createdAt: before(cut.contacts),
      expiresAt: before(cut.contacts),
    },
    {
      email: 'invite-recent@fixture.test',
      name: 'Recent',
      role: 'staff',
      tokenHash: 'b'.repeat(64),
      invitedBy: actors.ada.id,
      createdAt: after(cut.contacts),
      expiresAt: after(cut.contacts),
    },
  ]);
  ids.requestOld = (
    await submitPublicRequest(publicRequest({ email: 'unverified-old@fixture.test' }), meta, before(cut.requests))
  ).requestId;
  ids.requestRecent = (
    await submitPublicRequest(publicRequest({ email: 'unverified-recent@fixture.test' }), meta, after(cut.requests))
  ).requestId;
  ids.requestVerifiedOld = (
    await submitPublicRequest(
      publicRequest({ kind: 'opt_out_sale_sharing', email: 'optout-old@fixture.test' }),
      meta,
      before(cut.requests),
    )
  ).requestId;
  await placeLegalHold(actors.ada, { clientAccountId: held!.id, reason: 'Pending litigation' }, meta);
});

afterAll(async () => {
  await database?.dispose();
});

const itemCount = async (codename: string) =>
  Number((await database.db.select({ n: count() }).from(items).where(eq(items.projectId, ids[codename]!)))[0]!.n);
const userRow = async (key: string) => (await database.db.select().from(users).where(eq(users.id, ids[key]!)))[0]!;
const rule = (report: RunReport, key: string) => report.rules.find((r) => r.rule === key)!;
const counts = (report: RunReport) =>
  Object.fromEntries(report.rules.map((r) => [r.rule, [r.eligible, r.held, r.removed]]));
const snapshot = async () => ({
  items: Number((await database.db.select({ n: count() }).from(items))[0]!.n),
  users: JSON.stringify(
    await database.db.select({ id: users.id, name: users.name, email: users.email }).from(users).orderBy(users.id),
  ),
  invitations: Number((await database.db.select({ n: count() }).from(invitations))[0]!.n),
  requests: Number((await database.db.select({ n: count() }).from(privacyRequests))[0]!.n),
});

describe('retention', () => {
  it('is for administrators only, in the action and in the database function', async () => {
    await expectAppError(runRetention(actors.sam, { dryRun: true }, meta), 'not_found');
    const direct = withActor(actors.sam, ({ tx }) =>
      tx.execute(sql`select * from retention_project_items('project_content', current_date, true)`),
    );
    await expect(direct).rejects.toThrow();
  });

  it('a dry run lists what would go, changes nothing, and is audited', async () => {
    const start = await snapshot();
    const report = await runRetention(actors.ada, { dryRun: true }, meta, now);
    expect(counts(report)).toEqual({
      business_contacts: [3, 1, 0],
      contract_records: [2, 1, 0],
      project_content: [3, 1, 0],
      unverified_requests: [1, 0, 0],
    });
    expect(rule(report, 'project_content').records).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^ContentOld item #\d+$/),
        expect.stringMatching(/^HeldOld item #\d+ \(held\)$/),
      ]),
    );
    expect(rule(report, 'business_contacts').records).toEqual(
      expect.arrayContaining([`person ${ids['contractor-old']}`, `person ${ids['client-held']} (held)`]),
    );
    expect(rule(report, 'project_content').cutoff).toBe(isoDay(cut.content));
    expect(await snapshot()).toEqual(start);
    const [event] = await database.db.select().from(auditEvents).where(eq(auditEvents.action, 'retention.run'));
    expect(event?.details).toMatchObject({ dryRun: true });
  });

  it('a real run removes exactly the eligible records, skips held ones, and writes a receipt', async () => {
    const report = await runRetention(actors.ada, { dryRun: false }, meta, now);
    expect(counts(report)).toEqual({
      business_contacts: [3, 1, 2],
      contract_records: [2, 1, 1],
      project_content: [3, 1, 2],
      unverified_requests: [1, 0, 1],
    });
    expect(await itemCount('ContentOld')).toBe(1); // the deal terms stay: contract records, 5 years
    expect(await itemCount('ContentRecent')).toBe(1);
    expect(await itemCount('ContentOnCutoff')).toBe(1);
    expect(await itemCount('StillActive')).toBe(2);
    expect(await itemCount('ContractOld')).toBe(0);
    expect(await itemCount('ContractRecent')).toBe(1);
    expect(await itemCount('HeldOld')).toBe(2);
    expect((await userRow('contractor-old')).name).toBe('Deleted person');
    expect((await userRow('contractor-recent')).name).toBe('contractor-recent');
    expect((await userRow('client-held')).name).toBe('client-held');
    expect((await userRow('staff-old')).name).toBe('staff-old');
    expect(
      (
        await database.db
          .select()
          .from(invitations)
          .where(inArray(invitations.email, ['invite-old@fixture.test', 'invite-recent@fixture.test']))
      ).map((i) => i.email),
    ).toEqual(['invite-recent@fixture.test']);
    const left = (await database.db.select({ id: privacyRequests.id }).from(privacyRequests)).map((r) => r.id);
    expect(left).not.toContain(ids.requestOld);
    expect(left).toEqual(expect.arrayContaining([ids.requestRecent, ids.requestVerifiedOld]));

    const runs = await database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'retention.run'), sql`${auditEvents.details}->>'dryRun' = 'false'`));
    expect(runs).toHaveLength(1);
    const details = runs[0]!.details as {
      startedAt: string;
      finishedAt: string;
      rules: { rule: string; removed: number }[];
    };
    expect(details.rules.find((r) => r.rule === 'project_content')?.removed).toBe(2);
    expect(new Date(details.finishedAt).getTime()).toBeGreaterThanOrEqual(new Date(details.startedAt).getTime());
  });

  it('a second run changes nothing', async () => {
    const start = await snapshot();
    const report = await runRetention(actors.ada, { dryRun: false }, meta, now);
    expect(report.rules.every((r) => r.removed === 0)).toBe(true);
    expect(counts(report)).toEqual({
      business_contacts: [1, 1, 0],
      contract_records: [1, 1, 0],
      project_content: [1, 1, 0],
      unverified_requests: [0, 0, 0],
    });
    expect(await snapshot()).toEqual(start);
  });

  it('releasing the hold lets the next run remove what it protected', async () => {
    const [hold] = await listLegalHolds(actors.ada);
    await releaseLegalHold(actors.ada, { holdId: hold!.id }, meta);
    const report = await runRetention(actors.ada, { dryRun: false }, meta, now);
    expect(counts(report)).toEqual({
      business_contacts: [1, 0, 1],
      contract_records: [1, 0, 1],
      project_content: [1, 0, 1],
      unverified_requests: [0, 0, 0],
    });
    expect(await itemCount('HeldOld')).toBe(0);
    expect((await userRow('client-held')).name).toBe('Deleted person');
  });

  it('an administrator changes a rule, and a disabled rule removes nothing', async () => {
    await updateRetentionRule(
      actors.ada,
      { key: 'project_content', periodValue: 30, periodUnit: 'days', enabled: true },
      meta,
    );
    await updateRetentionRule(
      actors.ada,
      { key: 'unverified_requests', periodValue: 30, periodUnit: 'days', enabled: false },
      meta,
    );
    const report = await runRetention(actors.ada, { dryRun: true }, meta, now);
    expect(rule(report, 'project_content')).toMatchObject({ period: '30 days', eligible: 2 }); // ContentRecent and ContentOnCutoff now qualify
    expect(rule(report, 'unverified_requests')).toMatchObject({ enabled: false, eligible: 0 });
    const changes = rowsOf<{ n: number }>(
      await database.db.execute(
        sql`select count(*)::int as n from audit_events where action = 'retention.rule_changed'`,
      ),
    );
    expect(changes[0]?.n).toBe(2);
  });
});
