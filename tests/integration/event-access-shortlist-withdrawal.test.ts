/**
 * Issue 14: the event allowlist screen's rules (the lead or an admin grants and removes; the owning client
 * approves a grant when it requires approval; only an active entry opens the venue and guests' needs, in the
 * application and in the database) and shortlist withdrawal (the brand stops seeing a withdrawn creator or list
 * at once, the creator's history keeps it, the author or the creator only).
 */
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  auditEvents,
  clientAccounts,
  eventAllowlist,
  events,
  eventVenues,
  guestNeeds,
  memberships,
  ndaSignatures,
  projects,
  shortlists,
} from '@/db/schema';
import { seedDemoWorld } from '@/db/seed/demo-world';
import type { Actor } from '@/lib/authz/types';
import { decideEventAccess } from '@/lib/dal/events/decide-event-access';
import { grantEventAccess } from '@/lib/dal/events/grant-event-access';
import { readEventAccess } from '@/lib/dal/events/read-event-access';
import { revokeEventAccess } from '@/lib/dal/events/revoke-event-access';
import { readEvent } from '@/lib/dal/events/read-event';
import { listNotifications } from '@/lib/dal/notifications/list-notifications';
import { readMyProfile } from '@/lib/dal/profiles/read-my-profile';
import { readProfile } from '@/lib/dal/profiles/read-profile';
import { readShortlist } from '@/lib/dal/shortlists/read-shortlist';
import { listShortlists } from '@/lib/dal/shortlists/list-shortlists';
import { withdrawFromShortlist } from '@/lib/dal/shortlists/withdraw-from-shortlist';
import { withdrawShortlist } from '@/lib/dal/shortlists/withdraw-shortlist';
import { withActor } from '@/lib/dal/transaction';
import { demoActors, meta, type DemoKey } from '../helpers/actors';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { expectAppError } from '../helpers/expect';

let database: TestDatabase;
let actors: Record<DemoKey, Actor>;
let launchId: string;
let shortlistId: string;
let novaProfileId: string;

beforeAll(async () => {
  database = await createTestDatabase();
  const seeded = await seedDemoWorld(database.db);
  actors = await demoActors(database.db);
  const [launch] = await database.db.select({ id: events.id }).from(events);
  launchId = launch!.id;
  // Oscar runs Aurora's events too (logistics scope), but is not on the launch's allowlist.
  const [sig] = await database.db
    .select({ id: ndaSignatures.id })
    .from(ndaSignatures)
    .where(eq(ndaSignatures.userId, actors.oscar.id));
  await database.db.insert(memberships).values({
    userId: actors.oscar.id,
    projectId: seeded.projects.aurora,
    role: 'member',
    scopes: ['logistics'],
    ndaSignatureId: sig!.id,
    grantedBy: actors.ada.id,
  });
  const [list] = await database.db.select({ id: shortlists.id }).from(shortlists);
  shortlistId = list!.id;
  novaProfileId = (await readShortlist(actors.sam, shortlistId, meta))!.entries[0]!.profileId;
});

afterAll(async () => {
  await database?.dispose();
});

const sees = async (actor: Actor) => {
  const view = await readEvent(actor, launchId, meta);
  const rows = await withActor(actor, async ({ tx }) => ({
    venues: await tx.select().from(eventVenues),
    needs: await tx.select().from(guestNeeds),
  }));
  return {
    venue: view?.venue?.venue ?? null,
    needs: view?.guests.some((g) => g.needs !== null) ?? false,
    rows: rows.venues.length + rows.needs.length,
  };
};

describe('the event allowlist screen', () => {
  it('the lead grants someone who runs the event; they see the venue and needs; removed, they see neither', async () => {
    expect(await sees(actors.oscar)).toMatchObject({ venue: null, needs: false, rows: 0 });
    const view = await readEventAccess(actors.sam, launchId);
    expect(view).toMatchObject({ mayGrant: true, mayDecide: false, requiresApproval: false });
    expect(view!.candidates.map((c) => c.id)).toEqual([actors.oscar.id]);
    // Finn (deal terms only) cannot be put on it; nobody grants themselves; others than the lead or admin cannot grant.
    await expectAppError(
      grantEventAccess(actors.sam, { eventId: launchId, userId: actors.finn.id, reason: 'Caterer contact' }, meta),
      'invalid',
    );
    await expectAppError(
      grantEventAccess(actors.oscar, { eventId: launchId, userId: actors.oscar.id, reason: 'Me' }, meta),
      'not_found',
    );
    await expectAppError(
      grantEventAccess(actors.nova, { eventId: launchId, userId: actors.oscar.id, reason: 'Client' }, meta),
      'not_found',
    );
    expect(await readEventAccess(actors.finn, launchId)).toBeNull();

    const { id, status } = await grantEventAccess(
      actors.sam,
      { eventId: launchId, userId: actors.oscar.id, reason: 'Runs the door' },
      meta,
    );
    expect(status).toBe('active');
    const seen = await sees(actors.oscar);
    expect(seen.venue).toContain('AURORA-EVENT-VENUE');
    expect(seen.needs).toBe(true);
    await expectAppError(
      grantEventAccess(actors.sam, { eventId: launchId, userId: actors.oscar.id, reason: 'Again' }, meta),
      'invalid',
      /already/,
    );

    await revokeEventAccess(actors.sam, { eventId: launchId, entryId: id }, meta);
    expect(await sees(actors.oscar)).toMatchObject({ venue: null, needs: false, rows: 0 });
    const actions = (
      await database.db
        .select({ action: auditEvents.action })
        .from(auditEvents)
        .where(eq(auditEvents.targetId, launchId))
    ).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(['event.access.grant', 'event.access.revoke']));
  });

  it('when the client requires approval, a grant is pending and opens nothing until the client approves it', async () => {
    const [aurora] = await database.db
      .select({ client: projects.clientAccountId })
      .from(projects)
      .where(
        eq(
          projects.id,
          (await database.db.select({ p: events.projectId }).from(events).where(eq(events.id, launchId)))[0]!.p,
        ),
      );
    await database.db
      .update(clientAccounts)
      .set({ requiresHighRiskApproval: true })
      .where(eq(clientAccounts.id, aurora!.client));
    const { id, status } = await grantEventAccess(
      actors.sam,
      { eventId: launchId, userId: actors.oscar.id, reason: 'Caterer contact' },
      meta,
    );
    expect(status).toBe('pending');
    expect(await sees(actors.oscar)).toMatchObject({ venue: null, needs: false, rows: 0 });
    // The lead cannot approve their own grant; the database refuses a pending entry made active by anyone but the
    // client.
    await expectAppError(
      decideEventAccess(actors.sam, { eventId: launchId, entryId: id, decision: 'approve' }, meta),
      'not_found',
    );
    await expect(
      withActor(actors.sam, ({ tx }) =>
        tx.update(eventAllowlist).set({ reason: 'changed' }).where(eq(eventAllowlist.id, id)),
      ),
    ).rejects.toThrow();
    const client = await readEventAccess(actors.nova, launchId);
    expect(client).toMatchObject({ mayGrant: false, mayDecide: true });
    expect(client!.entries.find((e) => e.id === id)?.status).toBe('pending');
    await decideEventAccess(actors.nova, { eventId: launchId, entryId: id, decision: 'approve' }, meta);
    expect((await sees(actors.oscar)).venue).toContain('AURORA-EVENT-VENUE');
    await expectAppError(
      decideEventAccess(actors.nova, { eventId: launchId, entryId: id, decision: 'refuse' }, meta),
      'invalid',
    );
    await revokeEventAccess(actors.sam, { eventId: launchId, entryId: id }, meta);
    await database.db
      .update(clientAccounts)
      .set({ requiresHighRiskApproval: false })
      .where(eq(clientAccounts.id, aurora!.client));
  });
});

describe('withdrawing from a shortlist', () => {
  it('the creator withdraws herself: the brand stops seeing her at once, her history shows it', async () => {
    expect(JSON.stringify(await readShortlist(actors.brian, shortlistId, meta))).toContain('NOVA-MEDIA-KIT');
    expect(JSON.stringify(await readProfile(actors.brian, novaProfileId, meta))).toContain('NOVA-MEDIA-KIT');
    // Nobody else withdraws her: not the brand, not another staff member.
    await expectAppError(
      withdrawFromShortlist(actors.brian, { shortlistId, profileId: novaProfileId }, meta),
      'not_found',
    );
    await expectAppError(
      withdrawFromShortlist(actors.oscar, { shortlistId, profileId: novaProfileId }, meta),
      'not_found',
    );
    await withdrawFromShortlist(actors.nova, { shortlistId, profileId: novaProfileId }, meta);
    const brand = await readShortlist(actors.brian, shortlistId, meta);
    expect(brand?.entries).toEqual([]);
    expect(JSON.stringify(brand)).not.toContain('NOVA');
    // The brand's view of her profile is gone, in the policy (her public fields only) and in the database.
    const profile = JSON.stringify(await readProfile(actors.brian, novaProfileId, meta));
    expect(profile).not.toContain('NOVA-MEDIA-KIT');
    expect(profile).toContain('NOVA-PUBLIC-BIO');
    expect(
      JSON.stringify(await withActor(actors.brian, ({ tx }) => tx.execute(`select * from profile_fields`))),
    ).not.toContain('NOVA-MEDIA-KIT');
    const history = await readMyProfile(actors.nova);
    expect(history?.proposals[0]).toMatchObject({ shortlistId, withdrawnBy: 'you' });
    expect(history?.proposals[0]?.withdrawnAt).not.toBeNull();
    // The author is told, and still sees who was withdrawn, and by whom.
    expect((await listNotifications(actors.sam)).map((n) => n.title)).toContain(
      'A creator withdrew from your shortlist “Spring skincare launch”',
    );
    expect((await readShortlist(actors.sam, shortlistId, meta))?.entries[0]).toMatchObject({ withdrawnBy: 'creator' });
    await expectAppError(
      withdrawFromShortlist(actors.nova, { shortlistId, profileId: novaProfileId }, meta),
      'invalid',
      /Already/,
    );
    const [event] = await database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'shortlist.withdraw'), eq(auditEvents.outcome, 'allowed')));
    expect(event).toMatchObject({
      actorId: actors.nova.id,
      targetType: 'profile',
      targetId: actors.nova.id,
      outcome: 'allowed',
    });
  });

  it('the author withdraws the whole shortlist: the brand no longer finds it', async () => {
    expect((await listShortlists(actors.brian)).map((l) => l.id)).toContain(shortlistId);
    await expectAppError(withdrawShortlist(actors.brian, { shortlistId }, meta), 'not_found');
    await withdrawShortlist(actors.sam, { shortlistId }, meta);
    expect((await listShortlists(actors.brian)).map((l) => l.id)).not.toContain(shortlistId);
    expect(await readShortlist(actors.brian, shortlistId, meta)).toBeNull();
    expect((await readShortlist(actors.sam, shortlistId, meta))?.withdrawnAt).not.toBeNull();
    await expectAppError(withdrawShortlist(actors.sam, { shortlistId }, meta), 'invalid');
  });
});
