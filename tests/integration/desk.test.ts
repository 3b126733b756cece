/**
 * The desk (issue 16 point 3): what waits for an admin, a lead and a client, counted in SQL under their policy;
 * every entry links to the page where it is done.
 */
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memberships } from '@/db/schema';
import { seedDemoWorld } from '@/db/seed/demo-world';
import type { Actor } from '@/lib/authz/types';
import { grantAllowlistEntry } from '@/lib/dal/allowlist/grant-allowlist-entry';
import { setHighRiskApproval } from '@/lib/dal/clients/set-high-risk-approval';
import { getAdminDesk } from '@/lib/dal/desk/get-admin-desk';
import { getClientDesk } from '@/lib/dal/desk/get-client-desk';
import { getLeadDesk } from '@/lib/dal/desk/get-lead-desk';
import { demoActors, meta, type DemoKey } from '../helpers/actors';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { itemIdsByCanary, type Canary } from '../helpers/demo';

let database: TestDatabase;
let actors: Record<DemoKey, Actor>;
let ids: Record<Canary, string>;
let aurora: string;
let novaAccount: string;

beforeAll(async () => {
  database = await createTestDatabase();
  const seeded = await seedDemoWorld(database.db);
  ({ aurora } = seeded.projects);
  novaAccount = seeded.clients.nova;
  actors = await demoActors(database.db);
  ids = await itemIdsByCanary(database.db);
});

afterAll(async () => {
  await database?.dispose();
});

const section = (sections: Awaited<ReturnType<typeof getAdminDesk>>, key: string) =>
  sections.find((s) => s.key === key);

describe('the desk', () => {
  it('an admin’s desk counts what waits in SQL, and each entry links to where it is done', async () => {
    const desk = await getAdminDesk(actors.ada);
    expect(desk.map((s) => s.key)).toEqual([
      'requests',
      'client-decisions',
      'privacy',
      'reviews',
      'expiring-grants',
      'ndas',
    ]);
    for (const s of desk) {
      expect(s.count).toBeGreaterThanOrEqual(s.entries.length);
      for (const e of s.entries) expect(e.href).toMatch(/^\/(admin|projects)\//);
    }
    // A membership ending in three days appears among the grants ending soon.
    const soon = new Date(Date.now() + 3 * 86_400_000);
    const [finn] = await database.db
      .select()
      .from(memberships)
      .where(and(eq(memberships.userId, actors.finn.id), eq(memberships.projectId, aurora)));
    const before = section(desk, 'expiring-grants')!.count;
    await database.db.update(memberships).set({ expiresAt: soon }).where(eq(memberships.id, finn!.id));
    const after = section(await getAdminDesk(actors.ada), 'expiring-grants')!;
    expect(after.count).toBe(before + 1);
    expect(after.entries.map((e) => e.text)).toContain('Finn Finance on Aurora');
  });

  it('a grant waiting for the client is on the admin’s desk and on the client’s, not on anyone else’s', async () => {
    const before = section(await getAdminDesk(actors.ada), 'client-decisions')!.count;
    await setHighRiskApproval(actors.nova, { clientAccountId: novaAccount, required: true }, meta);
    const { status } = await grantAllowlistEntry(
      actors.ada,
      { itemId: ids['AURORA-PASSPORT'], userId: actors.finn.id, reason: 'Travel booking' },
      meta,
    );
    expect(status).toBe('pending');
    expect(section(await getAdminDesk(actors.ada), 'client-decisions')!.count).toBe(before + 1);
    const nova = await getClientDesk(actors.nova);
    expect(nova.find((s) => s.key === 'client-grants')?.entries.some((e) => e.text.startsWith('Finn Finance'))).toBe(
      true,
    );
    expect(await getClientDesk(actors.kai)).toEqual([]);
    expect(await getAdminDesk(actors.sam)).toEqual([]);
  });

  it('a lead’s desk lists the projects they lead, linking to the members; others have none', async () => {
    const sam = await getLeadDesk(actors.sam);
    expect(sam).toHaveLength(1);
    const aur = sam[0]!.entries.find((e) => e.href === `/projects/${aurora}/members`);
    expect(aur?.text).toMatch(/^Aurora: \d+ members?$/);
    expect(aur?.detail).toMatch(/1 ending within 14 days/);
    for (const key of ['finn', 'cora', 'ada', 'nova'] as const) expect(await getLeadDesk(actors[key]), key).toEqual([]);
  });
});
