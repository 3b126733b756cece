/**
 * Search, sort and paging of the growing lists (issue 16): keyset pages both ways on a sort key with ties, the
 * audit log's filters and its CSV export (formulae escaped, paged through), the client's history without a cap,
 * and search never finding what a list would not show (a real client name behind a codename).
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { auditEvents, users } from '@/db/schema';
import { seedDemoWorld } from '@/db/seed/demo-world';
import type { Actor } from '@/lib/authz/types';
import { csvResponse } from '@/lib/csv-stream';
import { auditEventPages, searchAuditEvents } from '@/lib/dal/audit/search-audit-events';
import { searchClientAccounts } from '@/lib/dal/clients/search-client-accounts';
import { searchPeople } from '@/lib/dal/people/search-people';
import { searchProjectsForAdmin } from '@/lib/dal/projects/search-projects-for-admin';
import { listAccessHistory } from '@/lib/dal/audit/list-access-history';
import { readItem } from '@/lib/dal/items/read-item';
import { searchVisibleProjects } from '@/lib/dal/projects/search-visible-projects';
import { decodeCursor, PAGE_SIZE } from '@/lib/list-query';
import {
  adminProjectListSchema,
  auditListSchema,
  clientListSchema,
  peopleListSchema,
  projectListSchema,
} from '@/lib/validations/lists';
import { demoActors, meta, type DemoKey } from '../helpers/actors';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { itemIdsByCanary } from '../helpers/demo';

vi.mock('@/auth', () => ({ auth: async () => null }));

let database: TestDatabase;
let actors: Record<DemoKey, Actor>;

const EXTRA_STAFF = 120;

beforeAll(async () => {
  database = await createTestDatabase();
  await seedDemoWorld(database.db);
  actors = await demoActors(database.db);
  // Many people with the same role and the same creation time: the sort key ties across page boundaries.
  const createdAt = new Date('2026-01-01T00:00:00.000Z');
  await database.db.insert(users).values(
    Array.from({ length: EXTRA_STAFF }, (_, i) => ({
      id: randomUUID(),
      email: `tie.${String(i).padStart(3, '0')}@mmgroup.test`,
      name: `Tie Person ${i % 7}`,
      role: 'staff' as const,
      createdAt,
    })),
  );
});

afterAll(async () => {
  await database?.dispose();
});

const people = (q: Record<string, string>) => peopleListSchema.parse(q);

describe('keyset paging', () => {
  it('pages forward and back through ties in the sort key, each row once, in a stable order', async () => {
    for (const sort of ['role', 'created', 'name'] as const) {
      const forward: string[] = [];
      const pages: { ids: string[]; prev: string | null; next: string | null }[] = [];
      let after: string | undefined;
      for (;;) {
        const page = await searchPeople(actors.ada, people({ sort, dir: 'asc', ...(after ? { after } : {}) }));
        pages.push({ ids: page.rows.map((r) => r.id), prev: page.prev, next: page.next });
        forward.push(...page.rows.map((r) => r.id));
        expect(page.rows.length).toBeLessThanOrEqual(PAGE_SIZE);
        if (!page.next) break;
        after = page.next;
      }
      const total = Number((await database.db.select({ n: sql<number>`count(*)::int` }).from(users))[0]!.n);
      expect(pages.length).toBeGreaterThanOrEqual(3);
      expect(forward).toHaveLength(total);
      expect(new Set(forward).size).toBe(total);
      expect(pages[0]!.prev).toBeNull();

      // Back from the last page: each previous page is exactly the page seen going forward.
      for (let k = pages.length - 1; k > 0; k--) {
        const back = await searchPeople(actors.ada, people({ sort, dir: 'asc', before: pages[k]!.prev! }));
        expect(back.rows.map((r) => r.id)).toEqual(pages[k - 1]!.ids);
        expect(back.next).not.toBeNull();
        if (k === 1) expect(back.prev).toBeNull();
      }
      // Descending is the exact reverse.
      const descending: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await searchPeople(
          actors.ada,
          people({ sort, dir: 'desc', ...(cursor ? { after: cursor } : {}) }),
        );
        descending.push(...page.rows.map((r) => r.id));
        cursor = page.next ?? undefined;
      } while (cursor);
      expect(descending).toEqual([...forward].reverse());
    }
  });

  it('an unreadable or forged cursor shows the first page instead of failing', async () => {
    const first = await searchPeople(actors.ada, people({}));
    for (const after of [
      'not-a-cursor',
      Buffer.from('["x","y"]').toString('base64url'),
      Buffer.from('["2026-13-99 99:99","00000000-0000-0000-0000-000000000000"]').toString('base64url'),
    ]) {
      const page = await searchPeople(actors.ada, people({ sort: 'created', after }));
      expect(page.prev).toBeNull();
      expect(page.rows.length).toBe(first.rows.length);
    }
    expect(decodeCursor('%%%')).toBeNull();
  });

  it('search and filters narrow in SQL; the pattern characters are literal', async () => {
    const ties = await searchPeople(actors.ada, people({ q: 'tie.00', sort: 'email' }));
    expect(ties.rows.map((r) => r.email)).toEqual(Array.from({ length: 10 }, (_, i) => `tie.00${i}@mmgroup.test`));
    expect((await searchPeople(actors.ada, people({ q: '%' }))).rows).toEqual([]);
    expect((await searchPeople(actors.ada, people({ q: '_' }))).rows).toEqual([]);
    const clients = await searchPeople(actors.ada, people({ role: 'client' }));
    expect(clients.rows.every((r) => r.role === 'client')).toBe(true);
    expect(clients.rows.length).toBe(3);
  });
});

describe('search shows nothing the list would not show', () => {
  it('a real client name finds its project only for those who may know it', async () => {
    const q = (text: string) => projectListSchema.parse({ q: text });
    // Sam leads Aurora (identity); Finn is a member without the identity scope and sees the codename only.
    expect((await searchVisibleProjects(actors.sam, q('Nova Reyes'))).rows.map((p) => p.codename)).toEqual(['Aurora']);
    expect((await searchVisibleProjects(actors.sam, q('lumen'))).rows.map((p) => p.codename)).toEqual(['Aurora']);
    expect((await searchVisibleProjects(actors.finn, q('Nova'))).rows).toEqual([]);
    expect((await searchVisibleProjects(actors.finn, q('Lumen'))).rows).toEqual([]);
    expect((await searchVisibleProjects(actors.cora, q('Reyes'))).rows).toEqual([]);
    const finnAurora = await searchVisibleProjects(actors.finn, q('auro'));
    expect(finnAurora.rows.map((p) => [p.codename, p.clientName])).toEqual([['Aurora', null]]);
    // Nobody finds a project they cannot see, by any name.
    expect((await searchVisibleProjects(actors.finn, q('Borealis'))).rows).toEqual([]);
    expect((await searchVisibleProjects(actors.finn, q('Kai'))).rows).toEqual([]);
    expect((await searchVisibleProjects(actors.ada, q('Aurora'))).rows).toEqual([]);
    expect((await searchVisibleProjects(actors.oscar, q('Kai Storm'))).rows.map((p) => p.codename)).toEqual([
      'Borealis',
    ]);
  });

  it('the people page finds a client user by codename, never by their name or email', async () => {
    expect((await searchPeople(actors.ada, people({ q: 'Nova' }))).rows).toEqual([]);
    expect((await searchPeople(actors.ada, people({ q: 'Reyes' }))).rows).toEqual([]);
    expect((await searchPeople(actors.ada, people({ q: 'talent.test' }))).rows).toEqual([]);
    expect((await searchPeople(actors.ada, people({ q: 'Kai' }))).rows).toEqual([]);
    const vega = await searchPeople(actors.ada, people({ q: 'vega' }));
    expect(vega.rows.map((r) => [r.label, r.email])).toEqual([['Client Vega (client)', null]]);
  });

  it('administrators search projects by codenames; real names only on the client-account page', async () => {
    const admin = (text: string) => searchProjectsForAdmin(actors.ada, adminProjectListSchema.parse({ q: text }));
    expect((await admin('Nova')).rows).toEqual([]);
    expect((await admin('Kai Storm')).rows).toEqual([]);
    expect((await admin('Orion')).rows.map((p) => p.codename)).toEqual(['Borealis']);
    const accounts = await searchClientAccounts(actors.ada, clientListSchema.parse({ q: 'Kai Storm' }));
    expect(accounts.rows.map((a) => a.codename)).toEqual(['Client Orion']);
  });

  it('the audit text search finds no real client name in what the log shows', async () => {
    const found = await searchAuditEvents(actors.ada, auditListSchema.parse({ q: 'Nova Reyes' }));
    expect(found.rows).toEqual([]);
  });
});

describe('the audit log', () => {
  it('filters by action, outcome, actor and date; pages both ways', async () => {
    const ids = await itemIdsByCanary(database.db);
    for (let i = 0; i < 60; i++) await readItem(actors.sam, ids['AURORA-RATE-250K'], meta);
    await readItem(actors.finn, ids['AURORA-HR-ITINERARY'], meta); // denied
    const reads = await searchAuditEvents(
      actors.ada,
      auditListSchema.parse({ action: 'item.read', outcome: 'allowed', actorId: actors.sam.id }),
    );
    expect(reads.rows).toHaveLength(PAGE_SIZE);
    expect(reads.rows.every((r) => r.action === 'item.read' && r.outcome === 'allowed' && r.actor === 'Sam Lead')).toBe(
      true,
    );
    expect(reads.rows.map((r) => r.id)).toEqual([...reads.rows.map((r) => r.id)].sort((a, b) => b - a));
    const older = await searchAuditEvents(
      actors.ada,
      auditListSchema.parse({ action: 'item.read', outcome: 'allowed', actorId: actors.sam.id, after: reads.next! }),
    );
    expect(older.rows.length).toBeGreaterThanOrEqual(10);
    expect(older.rows[0]!.id).toBeLessThan(reads.rows.at(-1)!.id);
    const back = await searchAuditEvents(
      actors.ada,
      auditListSchema.parse({ action: 'item.read', outcome: 'allowed', actorId: actors.sam.id, before: older.prev! }),
    );
    expect(back.rows.map((r) => r.id)).toEqual(reads.rows.map((r) => r.id));
    expect(back.prev).toBeNull();

    const denied = await searchAuditEvents(
      actors.ada,
      auditListSchema.parse({ outcome: 'denied', actorId: actors.finn.id }),
    );
    expect(denied.rows.length).toBeGreaterThanOrEqual(1);
    expect(denied.rows.every((r) => r.outcome === 'denied')).toBe(true);

    const today = new Date().toISOString().slice(0, 10);
    expect(
      (await searchAuditEvents(actors.ada, auditListSchema.parse({ from: today, action: 'item.read' }))).rows.length,
    ).toBe(PAGE_SIZE);
    expect((await searchAuditEvents(actors.ada, auditListSchema.parse({ to: '2020-01-01' }))).rows).toEqual([]);
    expect((await searchAuditEvents(actors.ada, auditListSchema.parse({ from: '2999-01-01' }))).rows).toEqual([]);
    // Free text: the denial's reason, case-insensitive.
    const text = await searchAuditEvents(
      actors.ada,
      auditListSchema.parse({ q: 'ITEM.READ', actorId: actors.finn.id, outcome: 'denied' }),
    );
    expect(text.rows.length).toBe(denied.rows.filter((r) => r.action === 'item.read').length);
  });

  it('exports the filtered log as CSV, page by page, with formulae escaped', async () => {
    const reasons = ['=HYPERLINK("http://evil.test","x")', '+SUM(A1)', '-1+2', '@cmd', 'plain, with "quotes"'];
    await database.db.insert(auditEvents).values(
      reasons.map((reason) => ({
        actorId: actors.ada.id,
        action: 'test.csv',
        targetType: 'test',
        outcome: 'denied' as const,
        reason,
      })),
    );
    const params = auditListSchema.parse({ action: 'test.csv' });
    // Pages of two: the export pages through the whole result.
    const response = csvResponse('x.csv', ['id', 'action', 'reason'], auditEventPages(actors.ada, params, 2), (e) => [
      e.id,
      e.action,
      e.reason ?? '',
    ]);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const text = await response.text();
    const parsed = Papa.parse<string[]>(text.trim(), { newline: '\r\n' });
    expect(parsed.data[0]).toEqual(['id', 'action', 'reason']);
    const cells = parsed.data.slice(1).map((r) => r[2]);
    expect(cells).toEqual([
      'plain, with "quotes"',
      "'@cmd",
      "'-1+2",
      "'+SUM(A1)",
      `'=HYPERLINK("http://evil.test","x")`,
    ]);
    expect(text).toContain(`"'=HYPERLINK(""http://evil.test"",""x"")"`);
    expect(text).not.toMatch(/(^|,)=HYPERLINK/m);
  });
});

describe("the client's history", () => {
  it('has no cap: pages through every event both ways', async () => {
    const ids = await itemIdsByCanary(database.db);
    for (let i = 0; i < 70; i++) await readItem(actors.sam, ids['AURORA-SHOOT-SCHEDULE'], meta);
    const seen: number[] = [];
    const pages: { ids: number[]; prev: string | null }[] = [];
    let after: string | undefined;
    for (;;) {
      const page = await listAccessHistory(actors.nova, {}, 20, { after });
      pages.push({ ids: page.entries.map((e) => e.id), prev: page.prev });
      seen.push(...page.entries.map((e) => e.id));
      if (!page.next) break;
      after = page.next;
    }
    expect(pages.length).toBeGreaterThanOrEqual(4);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toEqual([...seen].sort((a, b) => b - a));
    const all = await listAccessHistory(actors.nova, {}, 10_000);
    expect(seen).toEqual(all.entries.map((e) => e.id));
    const back = await listAccessHistory(actors.nova, {}, 20, { before: pages[2]!.prev! });
    expect(back.entries.map((e) => e.id)).toEqual(pages[1]!.ids);
    // Another client's history is not reachable by a cursor.
    expect(
      (await listAccessHistory(actors.kai, {}, 20, { after: pages[1]!.prev! })).entries.every(
        (e) => e.project === 'Borealis',
      ),
    ).toBe(true);
  });
});
