/**
 * Break-glass (issue 12, docs/product.md §14): in a deployment with a single active admin (the demo has one: Ada), the
 * admin opens time-boxed access to one project for herself with a reason; it is active at once, the owning
 * client is told at once (notification and email), it is audited as break-glass, the NDA rule still holds (she
 * signs the current text herself), it lasts at most 24 hours and ends by expiry or by her. With a second
 * active admin it is refused.
 */
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { breakGlassGrants, ndaSignatures, ndaVersions, notifications, outboxEmails, users } from '@/db/schema';
import { seedDemoWorld } from '@/db/seed/demo-world';
import type { Actor } from '@/lib/authz/types';
import { endBreakGlass } from '@/lib/dal/break-glass/end-break-glass';
import { activeBreakGlass } from '@/lib/dal/break-glass/list-active-break-glass';
import { startBreakGlass } from '@/lib/dal/break-glass/start-break-glass';
import { readItem } from '@/lib/dal/items/read-item';
import { demoActors, meta, type DemoKey } from '../helpers/actors';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { auditSince, itemIdsByCanary, lastAuditId, type Canary } from '../helpers/demo';
import { expectAppError } from '../helpers/expect';

let database: TestDatabase;
let actors: Record<DemoKey, Actor>;
let ids: Record<Canary, string>;
let borealis: string;
let nda: { id: string; bodySha256: string };

beforeAll(async () => {
  database = await createTestDatabase();
  ({ borealis } = (await seedDemoWorld(database.db)).projects);
  actors = await demoActors(database.db);
  ids = await itemIdsByCanary(database.db);
  nda = (
    await database.db
      .select({ id: ndaVersions.id, bodySha256: ndaVersions.bodySha256 })
      .from(ndaVersions)
      .where(eq(ndaVersions.title, 'Staff confidentiality agreement'))
  )[0]!;
});

afterAll(async () => {
  await database?.dispose();
});

const reads = async (canary: Canary) => (await readItem(actors.ada, ids[canary], meta)) !== null;
const request = {
  projectId: '',
  reason: 'Kai’s security team called: the venue changed tonight',
  scopes: ['deal_terms' as const, 'logistics' as const],
  itemIds: [] as string[],
  hours: 4,
};

describe('break-glass with a single admin', () => {
  it('needs the admin’s own NDA signature for the client: refused without one, nothing opened', async () => {
    await expectAppError(
      startBreakGlass(actors.ada, { ...request, projectId: borealis }, meta),
      'invalid',
      /no valid NDA/,
    );
    expect(await database.db.select().from(breakGlassGrants)).toEqual([]);
  });

  it('is refused beyond 24 hours', async () => {
    const sign = { ndaVersionId: nda.id, fullName: 'Ada Admin', textSha256: nda.bodySha256 };
    await expectAppError(
      startBreakGlass(actors.ada, { ...request, projectId: borealis, hours: 25, nda: sign }, meta),
      'invalid',
      'Break-glass lasts at most 24 hours.',
    );
  });

  it('opens at once with her own NDA signature, tells the client at once, shows in the banner and is audited', async () => {
    expect(await reads('BOREALIS-RATE')).toBe(false);
    const before = await lastAuditId(database.db);
    const sign = { ndaVersionId: nda.id, fullName: 'Ada Admin', textSha256: nda.bodySha256 };
    await startBreakGlass(
      actors.ada,
      { ...request, projectId: borealis, itemIds: [ids['BOREALIS-HR-SECURITY']], nda: sign },
      meta,
    );

    expect(await reads('BOREALIS-RATE')).toBe(true);
    expect(await reads('BOREALIS-HR-SECURITY')).toBe(true);
    expect(await reads('BOREALIS-UNRELEASED')).toBe(false); // creative was not asked for
    const [signature] = await database.db.select().from(ndaSignatures).where(eq(ndaSignatures.userId, actors.ada.id));
    expect(signature).toMatchObject({ method: 'portal', signerName: 'Ada Admin', recordedBy: null, requestId: null });

    const told = await database.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, actors.kai.id), eq(notifications.kind, 'breakglass.started')));
    expect(told).toHaveLength(1);
    expect(told[0]!.body).toContain('Reason given: Kai’s security team called');
    const [kai] = await database.db.select({ email: users.email }).from(users).where(eq(users.id, actors.kai.id));
    expect(await database.db.select().from(outboxEmails).where(eq(outboxEmails.to, kai!.email))).toHaveLength(1);

    const banner = await activeBreakGlass(actors.ada);
    expect(banner).toMatchObject([{ codename: 'Borealis' }]);
    const events = await auditSince(database.db, before);
    expect(events.map((e) => e.action)).toEqual(expect.arrayContaining(['nda.sign', 'breakglass.start']));
  });

  it('ends by the admin: access goes at once', async () => {
    const [open] = await activeBreakGlass(actors.ada);
    await endBreakGlass(actors.ada, { breakGlassId: open!.id }, meta);
    expect(await reads('BOREALIS-RATE')).toBe(false);
    expect(await activeBreakGlass(actors.ada)).toEqual([]);
    await expectAppError(
      endBreakGlass(actors.ada, { breakGlassId: open!.id }, meta),
      'invalid',
      'This break-glass access has already ended.',
    );
  });

  it('ends by itself at its expiry', async () => {
    await startBreakGlass(actors.ada, { ...request, projectId: borealis, hours: 1 }, meta);
    expect(await reads('BOREALIS-RATE')).toBe(true);
    const later = new Date(Date.now() + 2 * 3_600_000);
    expect(await readItem(actors.ada, ids['BOREALIS-RATE'], meta, later)).toBeNull();
    expect(await activeBreakGlass(actors.ada, later)).toEqual([]);
  });

  it('the database refuses a break-glass longer than 24 hours, and break-glass rows of someone else', async () => {
    await expect(
      database.db.insert(breakGlassGrants).values({
        userId: actors.ada.id,
        projectId: borealis,
        reason: 'x',
        startedAt: new Date(),
        expiresAt: new Date(Date.now() + 25 * 3_600_000),
      }),
    ).rejects.toThrow();
  });
});

describe('break-glass with two active admins', () => {
  it('is refused: another admin decides', async () => {
    await database.db.execute(
      sql`insert into users (email, name, role) values ('second.admin@mmgroup.test', 'Second Admin', 'admin')`,
    );
    const before = await lastAuditId(database.db);
    await expectAppError(
      startBreakGlass(actors.ada, { ...request, projectId: borealis }, meta),
      'invalid',
      /only for a deployment with a single admin/,
    );
    expect(await auditSince(database.db, before)).toMatchObject([{ action: 'breakglass.start', outcome: 'denied' }]);
  });
});
