/**
 * Issue 12 finding 8 through the data-access layer: every path that grants a contractor (an admin's grant of
 * membership or of a high-risk item, an approved access request) refuses an expiry past the maximum, which an
 * admin sets (audited) and which is one year until then. A refused attempt is audited and changes nothing.
 */
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, memberships } from '@/db/schema';
import { seedDemoWorld } from '@/db/seed/demo-world';
import type { Actor } from '@/lib/authz/types';
import { createAccessRequest } from '@/lib/dal/access-requests/create-access-request';
import { grantAllowlistEntry } from '@/lib/dal/allowlist/grant-allowlist-entry';
import { grantMembership } from '@/lib/dal/memberships/grant-membership';
import { decideAccessRequest } from '@/lib/dal/access-requests/decide-access-request';
import { listAccessRequests } from '@/lib/dal/access-requests/list-access-requests';
import { getAgencySettings } from '@/lib/dal/settings/read-agency-settings';
import { setContractorMaxDays } from '@/lib/dal/settings/set-contractor-max-days';
import { demoActors, meta, type DemoKey } from '../helpers/actors';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { itemIdsByCanary, type Canary } from '../helpers/demo';
import { expectAppError } from '../helpers/expect';

let database: TestDatabase;
let actors: Record<DemoKey, Actor>;
let ids: Record<Canary, string>;
let seeded: Awaited<ReturnType<typeof seedDemoWorld>>;

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000);
const FOREVER = new Date('9999-12-31T23:59:59.999Z');
const coraMemberships = async () =>
  database.db
    .select({ id: memberships.id })
    .from(memberships)
    .where(and(eq(memberships.userId, actors.cora.id), eq(memberships.projectId, seeded.projects.aurora)));

beforeAll(async () => {
  database = await createTestDatabase();
  seeded = await seedDemoWorld(database.db);
  actors = await demoActors(database.db);
  ids = await itemIdsByCanary(database.db);
});
afterAll(async () => database?.dispose());

describe('the contractor maximum', () => {
  it('is one year by default: 9999-12-31 is refused with a clear message and audited, a date within it accepted', async () => {
    const before = (await coraMemberships()).length;
    await expectAppError(
      grantMembership(
        actors.ada,
        {
          projectId: seeded.projects.aurora,
          userId: actors.cora.id,
          role: 'member',
          scopes: ['logistics'],
          expiresAt: FOREVER,
        },
        meta,
      ),
      'invalid',
      /^Contractor access ends within 365 days \(the maximum in Settings\): choose an expiry on or before \d{4}-\d{2}-\d{2}\.$/,
    );
    expect(await coraMemberships()).toHaveLength(before);
    const denied = await database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'membership.grant'), eq(auditEvents.outcome, 'denied')));
    expect(denied.at(-1)).toMatchObject({ targetId: actors.cora.id, reason: 'contractor_expiry_beyond_maximum' });
    await grantMembership(
      actors.ada,
      {
        projectId: seeded.projects.aurora,
        userId: actors.cora.id,
        role: 'member',
        scopes: ['logistics'],
        expiresAt: inDays(300),
      },
      meta,
    );
    expect(await coraMemberships()).toHaveLength(before + 1);
    expect(await getAgencySettings(actors.ada)).toMatchObject({ contractorMaxDays: 365, updatedBy: null });
  });

  it('is the admin’s to change, audited; nobody else sees or sets it', async () => {
    for (const key of ['sam', 'finn', 'cora', 'nova'] as const) {
      await expectAppError(setContractorMaxDays(actors[key], { days: 9999 }, meta), 'not_found');
      await expectAppError(getAgencySettings(actors[key]), 'not_found');
    }
    await setContractorMaxDays(actors.ada, { days: 30 }, meta);
    expect(await getAgencySettings(actors.ada)).toMatchObject({ contractorMaxDays: 30, updatedBy: 'Ada Admin' });
    const [event] = await database.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.action, 'settings.contractor_max_days'));
    expect(event).toMatchObject({ actorId: actors.ada.id, outcome: 'allowed', details: { from: 365, to: 30 } });
  });

  it('binds a high-risk grant and an approved access request too; staff grants have no maximum', async () => {
    await expectAppError(
      grantAllowlistEntry(
        actors.ada,
        { itemId: ids['AURORA-HR-ITINERARY'], userId: actors.cora.id, reason: 'Travel edit', expiresAt: inDays(60) },
        meta,
      ),
      'invalid',
      /within 30 days/,
    );
    await createAccessRequest(
      actors.cora,
      { kind: 'membership', projectId: seeded.projects.aurora, scopes: ['creative'], reason: 'Editing the launch cut' },
      meta,
    );
    const request = (await listAccessRequests(actors.ada)).find((r) => r.status === 'open')!;
    await expectAppError(
      decideAccessRequest(actors.ada, { requestId: request.id, decision: 'approve', expiresAt: FOREVER }, meta),
      'invalid',
      /within 30 days/,
    );
    expect((await listAccessRequests(actors.ada)).find((r) => r.id === request.id)?.status).toBe('open');
    expect(
      await decideAccessRequest(
        actors.ada,
        { requestId: request.id, decision: 'approve', expiresAt: inDays(20) },
        meta,
      ),
    ).toEqual({ outcome: 'approved' });
    await grantMembership(
      actors.ada,
      {
        projectId: seeded.projects.borealis,
        userId: actors.finn.id,
        role: 'member',
        scopes: ['deal_terms'],
        expiresAt: FOREVER,
      },
      meta,
    );
  });
});
