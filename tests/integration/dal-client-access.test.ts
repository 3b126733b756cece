/**
 * The client side of access (issue 4) through the data-access layer, on the demo world: who can see the
 * client's data (roster and allowlists), who did (history, filters, CSV), pending high-risk grants that give
 * no access until the owning client approves, refusals with a reason, notifications, and "Explain access".
 */
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allowlistEntries, clientAccounts, notifications, outboxEmails } from '@/db/schema';
import { rowsOf } from '@/db/client';
import { seedDemoWorld } from '@/db/seed/demo-world';
import type { Actor } from '@/lib/authz/types';
import { grantAllowlistEntry } from '@/lib/dal/allowlist/grant-allowlist-entry';
import { grantMembership } from '@/lib/dal/memberships/grant-membership';
import { revokeMembership } from '@/lib/dal/memberships/revoke-membership';
import { explainAccess } from '@/lib/dal/memberships/explain-access';
import { listExplainOptions } from '@/lib/dal/memberships/list-explain-options';
import { decideHighRiskGrant } from '@/lib/dal/approvals/decide-high-risk-grant';
import { listPendingGrants } from '@/lib/dal/approvals/list-pending-grants';
import { listAccessHistory } from '@/lib/dal/audit/list-access-history';
import { historyToCsv } from '@/lib/audit/history-csv';
import { getProjectRoster } from '@/lib/dal/clients/get-project-roster';
import { setHighRiskApproval } from '@/lib/dal/clients/set-high-risk-approval';
import { readItem } from '@/lib/dal/items/read-item';
import { countUnread } from '@/lib/dal/notifications/count-unread-notifications';
import { listNotifications } from '@/lib/dal/notifications/list-notifications';
import { markNotificationsRead } from '@/lib/dal/notifications/mark-notifications-read';
import { demoActors, meta, type DemoKey } from '../helpers/actors';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { auditSince, itemIdsByCanary, lastAuditId, type Canary } from '../helpers/demo';
import { expectAppError } from '../helpers/expect';
import { opened } from '../helpers/outbox';

/** Acts as the application role with this acting user, as every DAL transaction does. */
const sqlSetActor = (userId: string) =>
  sql`select set_config('app.user_id', ${userId}, true), set_config('role', 'clearance_app', true)`;

let database: TestDatabase;
let actors: Record<DemoKey, Actor>;
let ids: Record<Canary, string>;
let seeded: Awaited<ReturnType<typeof seedDemoWorld>>;

beforeAll(async () => {
  database = await createTestDatabase();
  seeded = await seedDemoWorld(database.db);
  actors = await demoActors(database.db);
  ids = await itemIdsByCanary(database.db);
});
afterAll(async () => database?.dispose());

const reads = async (key: DemoKey, canary: Canary) => (await readItem(actors[key], ids[canary], meta)) !== null;

describe('who can see the client’s data', () => {
  it('shows Nova every grant on Aurora with role, scopes, dates and NDA, and the allowlists by reference', async () => {
    const roster = await getProjectRoster(actors.nova, seeded.projects.aurora);
    expect(roster?.project).toMatchObject({ codename: 'Aurora', clientName: 'Nova Reyes' });
    const people = roster!.members.map((m) => [m.person, m.role, m.scopes, m.state]);
    expect(people).toEqual(
      expect.arrayContaining([
        ['Sam Lead', 'lead', 'all', 'active'],
        ['Finn Finance', 'member', ['deal_terms'], 'active'],
        ['Cora Editor', 'member', ['creative'], 'active'],
      ]),
    );
    expect(roster!.members.find((m) => m.person === 'Cora Editor')).toMatchObject({
      nda: expect.stringMatching(/^Contractor NDA v1, for this client/),
      until: expect.any(Date),
    });
    expect(roster!.members.find((m) => m.person === 'Sam Lead')?.nda).toMatch(
      /^Staff confidentiality agreement v1, all clients/,
    );
    const itinerary = roster!.highRiskItems.find((i) => i.id === ids['AURORA-HR-ITINERARY']);
    expect(itinerary?.label).toMatch(/^Logistics item #\d+$/);
    expect(itinerary?.entries).toMatchObject([{ person: 'Sam Lead', state: 'active' }]);
    expect(JSON.stringify(roster)).not.toContain('AURORA-');
  });

  it('is for the owning client only: not the counterparty, not staff, not another client', async () => {
    for (const key of ['brian', 'sam', 'ada', 'kai', 'nina'] as const) {
      expect(await getProjectRoster(actors[key], seeded.projects.aurora), key).toBeNull();
    }
    expect(await getProjectRoster(actors.kai, seeded.projects.borealis)).not.toBeNull();
  });
});

describe('who did: the access history', () => {
  it('lists reads of the client’s items and every grant and revocation, the admin included', async () => {
    expect(await reads('sam', 'AURORA-RATE-250K')).toBe(true);
    expect(await reads('kai', 'AURORA-RATE-250K')).toBe(false);
    // The admin grants themselves access: it shows like anyone else's grant.
    const { id } = (await grantMembership(
      actors.ada,
      { projectId: seeded.projects.aurora, userId: actors.ada.id, role: 'member', scopes: ['deal_terms'] },
      meta,
    ).catch(() => ({ id: null }))) as { id: string | null };
    const history = await listAccessHistory(actors.nova, {});
    const lines = history.entries.map((e) => `${e.person} | ${e.action} | ${e.subject} | ${e.outcome}`);
    expect(lines.some((l) => /^Sam Lead \(Staff\) \| Read \| Deal terms item #\d+ \| allowed$/.test(l))).toBe(true);
    // Another client's denied attempt: by account codename, never by name.
    expect(
      lines.some((l) => /^Client Orion \(client\) \| Tried to read \| Deal terms item #\d+ \| denied$/.test(l)),
    ).toBe(true);
    expect(JSON.stringify(history)).not.toContain('Kai Storm');
    expect(JSON.stringify(history)).not.toMatch(/AURORA-|BOREALIS-/);
    // The admin has no NDA: the self-grant is refused, and the refused attempt is on the client's record too.
    expect(id).toBeNull();
    expect(
      lines.some((l) =>
        l.startsWith(
          'Ada Admin (Access administrator) | Tried to grant project access to | Ada Admin (Access administrator) | denied',
        ),
      ),
    ).toBe(true);
    expect(history.projects).toEqual([{ id: seeded.projects.aurora, codename: 'Aurora' }]);
  });

  it('filters by project, person and date in the query, and exports CSV', async () => {
    const sam = await listAccessHistory(actors.nova, { personId: actors.sam.id });
    expect(sam.entries.length).toBeGreaterThan(0);
    expect(sam.entries.every((e) => e.person === 'Sam Lead (Staff)' || e.subject.includes('Sam Lead'))).toBe(true);
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    expect((await listAccessHistory(actors.nova, { from: tomorrow })).entries).toEqual([]);
    expect((await listAccessHistory(actors.nova, { projectId: seeded.projects.borealis })).entries).toEqual([]);
    expect((await listAccessHistory(actors.kai, { projectId: seeded.projects.aurora })).entries).toEqual([]);
    expect((await listAccessHistory(actors.sam, {})).entries).toEqual([]);
    const csv = historyToCsv(sam.entries);
    expect(csv.split('\r\n')[0]).toBe(
      'time (UTC),project,person,action,item or person concerned,outcome,reason,what happened',
    );
    expect(csv).toContain('Sam Lead (Staff),Read');
    expect(historyToCsv([{ ...sam.entries[0]!, reason: '=HYPERLINK("x")' }])).toContain(`"'=HYPERLINK(""x"")"`);
  });
});

describe('high-risk grants the client must approve', () => {
  it('a pending grant gives no access until a member of the owning client approves it; a refusal gives none', async () => {
    await grantMembership(
      actors.ada,
      { projectId: seeded.projects.aurora, userId: actors.finn.id, role: 'member', scopes: ['logistics'] },
      meta,
    );
    await setHighRiskApproval(actors.nova, { clientAccountId: seeded.clients.nova, required: true }, meta);
    await expectAppError(
      setHighRiskApproval(actors.brian, { clientAccountId: seeded.clients.nova, required: false }, meta),
      'not_found',
    );

    const first = await grantAllowlistEntry(
      actors.ada,
      { itemId: ids['AURORA-HR-ITINERARY'], userId: actors.finn.id, reason: 'Books the travel' },
      meta,
    );
    expect(first).toMatchObject({ status: 'pending' });
    const before = await lastAuditId(database.db);
    expect(await reads('finn', 'AURORA-HR-ITINERARY')).toBe(false);
    expect(await auditSince(database.db, before)).toMatchObject([
      { action: 'item.read', outcome: 'denied', reason: 'allowlist_pending' },
    ]);

    // Nova is told, and sees it waiting; Brian (counterparty) and Sam (lead) may not decide it.
    const pending = await listPendingGrants(actors.nova);
    expect(pending).toMatchObject([
      { person: 'Finn Finance', project: 'Aurora', reason: 'Books the travel', grantedBy: 'Ada Admin' },
    ]);
    expect((await listNotifications(actors.nova))[0]).toMatchObject({
      kind: 'highrisk.pending',
      title: expect.stringContaining('Aurora (Nova Reyes)'),
    });
    expect(await listPendingGrants(actors.brian)).toEqual([]);
    await expectAppError(
      decideHighRiskGrant(actors.sam, { entryId: pending[0]!.id, decision: 'approve' }, meta),
      'not_found',
    );
    await expectAppError(
      decideHighRiskGrant(actors.brian, { entryId: pending[0]!.id, decision: 'approve' }, meta),
      'not_found',
    );
    await expectAppError(
      decideHighRiskGrant(actors.nova, { entryId: pending[0]!.id, decision: 'refuse' }, meta),
      'invalid',
      'Say why you refuse this access.',
    );

    await decideHighRiskGrant(
      actors.nova,
      { entryId: pending[0]!.id, decision: 'refuse', reason: 'Only Sam handles my travel' },
      meta,
    );
    expect(await reads('finn', 'AURORA-HR-ITINERARY')).toBe(false);
    await expectAppError(
      decideHighRiskGrant(actors.nova, { entryId: pending[0]!.id, decision: 'approve' }, meta),
      'invalid',
    );
    expect((await listNotifications(actors.finn)).find((n) => n.kind === 'highrisk.refused')?.body).toContain(
      'Only Sam handles my travel',
    );

    const second = await grantAllowlistEntry(
      actors.ada,
      { itemId: ids['AURORA-HR-ITINERARY'], userId: actors.finn.id, reason: 'Books the travel, again' },
      meta,
    );
    expect(await reads('finn', 'AURORA-HR-ITINERARY')).toBe(false);
    await decideHighRiskGrant(actors.nova, { entryId: (second as { id: string }).id, decision: 'approve' }, meta);
    expect(await reads('finn', 'AURORA-HR-ITINERARY')).toBe(true);
    const events = await auditSince(database.db, before);
    expect(events.map((e) => `${e.action}:${e.outcome}`)).toEqual(
      expect.arrayContaining(['allowlist.refuse:allowed', 'allowlist.approve:allowed']),
    );
    const finnTold = await listNotifications(actors.finn);
    expect(finnTold.map((n) => n.kind)).toEqual(
      expect.arrayContaining(['highrisk.approved', 'highrisk.refused', 'access.granted']),
    );
    // Finn may not know whose project Aurora is: named by codename only, items by reference.
    expect(JSON.stringify(finnTold)).not.toMatch(/Nova Reyes|AURORA-/);
    const emails = opened(
      await database.db.select().from(outboxEmails).where(eq(outboxEmails.to, 'finn.finance@mmgroup.test')),
    );
    expect(emails.length).toBeGreaterThanOrEqual(3);
    expect(JSON.stringify(emails)).not.toMatch(/Nova Reyes|AURORA-/);

    await setHighRiskApproval(actors.nova, { clientAccountId: seeded.clients.nova, required: false }, meta);
    const third = await grantAllowlistEntry(
      actors.ada,
      { itemId: ids['BOREALIS-HR-SECURITY'], userId: actors.oscar.id, reason: 'Second grant' },
      meta,
    );
    expect(third).toMatchObject({ status: 'active' });
  });

  it('the database itself refuses an admin’s active grant where approval is required, and any other status change', async () => {
    await database.db
      .update(clientAccounts)
      .set({ requiresHighRiskApproval: true })
      .where(eq(clientAccounts.id, seeded.clients.nova));
    const asAdmin = (work: (tx: typeof database.db) => Promise<unknown>) =>
      database.db.transaction(async (tx) => {
        await tx.execute(sqlSetActor(actors.ada.id));
        await work(tx as unknown as typeof database.db);
      });
    await expect(
      asAdmin((tx) =>
        tx
          .insert(allowlistEntries)
          .values({ itemId: ids['AURORA-HR-ITINERARY'], userId: actors.cora.id, reason: 'x', status: 'active' }),
      ),
    ).rejects.toThrow();
    const [entry] = await database.db
      .select()
      .from(allowlistEntries)
      .where(and(eq(allowlistEntries.userId, actors.sam.id), eq(allowlistEntries.itemId, ids['AURORA-HR-ITINERARY'])));
    await expect(
      asAdmin((tx) => tx.update(allowlistEntries).set({ status: 'refused' }).where(eq(allowlistEntries.id, entry!.id))),
    ).rejects.toThrow();
    await database.db
      .update(clientAccounts)
      .set({ requiresHighRiskApproval: false })
      .where(eq(clientAccounts.id, seeded.clients.nova));
  });
});

describe('notifications', () => {
  it('counts unread, marks read, and shows each person only their own', async () => {
    await revokeMembership(
      actors.ada,
      {
        membershipId: (
          await grantMembership(
            actors.ada,
            { projectId: seeded.projects.borealis, userId: actors.finn.id, role: 'member', scopes: ['deal_terms'] },
            meta,
          )
        ).id,
      },
      meta,
    );
    const finn = await listNotifications(actors.finn);
    expect(finn.slice(0, 2).map((n) => n.kind)).toEqual(['access.revoked', 'access.granted']);
    expect(finn[0]!.title).toBe('Access revoked: Borealis');
    expect(JSON.stringify(finn)).not.toContain('Kai Storm');
    const unread = await countUnread(actors.finn);
    expect(unread).toBeGreaterThan(1);
    expect(await markNotificationsRead(actors.sam, [finn[0]!.id])).toBe(0);
    expect(await markNotificationsRead(actors.finn, [finn[0]!.id])).toBe(1);
    expect(await countUnread(actors.finn)).toBe(unread - 1);
    expect(await markNotificationsRead(actors.finn, 'all')).toBe(unread - 1);
    expect(await countUnread(actors.finn)).toBe(0);
    const all = await database.db.select().from(notifications).where(eq(notifications.userId, actors.finn.id));
    expect(all.length).toBe(finn.length);
  });
});

describe('explain access', () => {
  it('names the docs/product.md §4 rule that decided and what is missing, by reference, for an admin only', async () => {
    const options = await listExplainOptions(actors.ada, seeded.projects.aurora);
    expect(JSON.stringify(options)).not.toMatch(/AURORA-|Nova Reyes|Kai Storm/);
    const cora = await explainAccess(actors.ada, { itemId: ids['AURORA-HR-ITINERARY'], userId: actors.cora.id }, meta);
    expect(cora).toMatchObject({
      allowed: false,
      reason: 'scope_missing',
      rule: expect.stringMatching(/^Row 1/),
      missing: ['Scope', 'High-risk allowlist'],
    });
    expect(cora?.item).toMatch(/^Logistics item #\d+$/);
    const nina = await explainAccess(actors.ada, { itemId: ids['AURORA-RATE-250K'], userId: actors.nina.id }, meta);
    expect(nina).toMatchObject({ allowed: false, reason: 'not_member', missing: ['Membership', 'NDA', 'Scope'] });
    expect(
      await explainAccess(actors.ada, { itemId: ids['AURORA-HR-ITINERARY'], userId: actors.sam.id }, meta),
    ).toMatchObject({ allowed: true, missing: [] });
    const brian = await explainAccess(actors.ada, { itemId: ids['AURORA-RATE-250K'], userId: actors.brian.id }, meta);
    expect(brian).toMatchObject({
      allowed: false,
      reason: 'not_shared_with_counterparty',
      rule: expect.stringMatching(/^Row 3/),
      person: 'Brand Lyra (client)',
    });
    const kai = await explainAccess(actors.ada, { itemId: ids['AURORA-RATE-250K'], userId: actors.kai.id }, meta);
    expect(kai).toMatchObject({
      allowed: false,
      rule: expect.stringMatching(/^Row 4/),
      person: 'Client Orion (client)',
    });
    await expectAppError(
      explainAccess(actors.sam, { itemId: ids['AURORA-RATE-250K'], userId: actors.finn.id }, meta),
      'not_found',
    );
  });

  it('tells a pending grant apart: client approval is what is missing', async () => {
    await database.db
      .update(clientAccounts)
      .set({ requiresHighRiskApproval: true })
      .where(eq(clientAccounts.id, seeded.clients.kai));
    await grantMembership(
      actors.ada,
      { projectId: seeded.projects.borealis, userId: actors.sam.id, role: 'lead', scopes: [] },
      meta,
    );
    await grantAllowlistEntry(
      actors.ada,
      { itemId: ids['BOREALIS-HR-SECURITY'], userId: actors.sam.id, reason: 'Covering for Oscar' },
      meta,
    );
    const sam = await explainAccess(actors.ada, { itemId: ids['BOREALIS-HR-SECURITY'], userId: actors.sam.id }, meta);
    expect(sam).toMatchObject({
      allowed: false,
      reason: 'allowlist_pending',
      missing: ['High-risk allowlist', 'Client approval'],
    });
    expect(JSON.stringify(sam)).not.toMatch(/BOREALIS-|Kai Storm/);
  });
});

describe('the database wall for the client side', () => {
  const asApp = (userId: string, statement: ReturnType<typeof sql>) =>
    database.db.transaction(async (tx) => {
      await tx.execute(sqlSetActor(userId));
      return rowsOf<Record<string, unknown>>(await tx.execute(statement));
    });

  it('the owning client reads their projects’ allowlists and audit events; others do not', async () => {
    const aurora = seeded.projects.aurora;
    const onAurora = sql`select a.id from allowlist_entries a join item_directory i on i.id = a.item_id where i.project_id = ${aurora}`;
    expect((await asApp(actors.nova.id, onAurora)).length).toBeGreaterThan(0);
    expect(await asApp(actors.brian.id, onAurora)).toEqual([]);
    expect(await asApp(actors.kai.id, onAurora)).toEqual([]);
    const events = sql`select count(*)::int as n from audit_events where project_id = ${aurora} and actor_id <> ${actors.nova.id}`;
    expect(Number((await asApp(actors.nova.id, events))[0]!.n)).toBeGreaterThan(0);
    expect(Number((await asApp(actors.brian.id, events))[0]!.n)).toBe(0);
  });

  it('notifications are their recipient’s alone', async () => {
    const mine = (id: string) => asApp(id, sql`select distinct user_id::text as u from notifications`);
    expect((await mine(actors.finn.id)).map((r) => r.u)).toEqual([actors.finn.id]);
    expect(await mine(actors.nina.id)).toEqual([]);
  });
});
