/**
 * Events (issue 14) through the DAL on the demo world: who sees the event, its venue and guests' needs (docs/product.md
 * §9.1), the guest's RSVP link (own invitation only, needs with recorded consent, withdrawal), the door list and
 * check-in, retention of needs with a receipt, and a guest's rights request (export, erasure). Row-level security
 * is exercised throughout: every call runs as the application role.
 */
import { desc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '@/db/client';
import {
  auditEvents,
  events,
  guestNeedConsents,
  guestNeeds,
  guests,
  memberships,
  ndaSignatures,
  outboxEmails,
} from '@/db/schema';
import { seedDemoWorld } from '@/db/seed/demo-world';
import { AURORA_LAUNCH } from '@/db/seed/demo-events';
import type { Actor } from '@/lib/authz/types';
import { visibleEventsWhere } from '@/lib/authz/sql';
import { answerInvitation } from '@/lib/dal/events/answer-invitation';
import { checkInGuest } from '@/lib/dal/events/check-in-guest';
import { createEvent } from '@/lib/dal/events/create-event';
import { giveNeeds } from '@/lib/dal/events/give-needs';
import { eraseGuestRecords } from '@/lib/dal/events/erase-guest-records';
import { exportGuestRecords } from '@/lib/dal/events/export-guest-records';
import { inviteGuest } from '@/lib/dal/events/invite-guest';
import { listEvents } from '@/lib/dal/events/list-events';
import { readEvent } from '@/lib/dal/events/read-event';
import { readInvitation } from '@/lib/dal/events/read-invitation';
import { withdrawNeeds } from '@/lib/dal/events/withdraw-needs';
import { runRetention } from '@/lib/dal/privacy/retention-run';
import { withActor } from '@/lib/dal/transaction';
import { demoActors, meta, type DemoKey } from '../helpers/actors';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { expectAppError } from '../helpers/expect';
import { opened } from '../helpers/outbox';

let database: TestDatabase;
let actors: Record<DemoKey, Actor>;
let aurora: string;
let launchId: string;

beforeAll(async () => {
  database = await createTestDatabase();
  ({ aurora } = (await seedDemoWorld(database.db)).projects);
  actors = await demoActors(database.db);
  launchId = (await database.db.select({ id: events.id }).from(events))[0]!.id;
});

afterAll(async () => {
  await database?.dispose();
});

const pageText = (view: unknown) => JSON.stringify(view);
const tokenFrom = async (email: string) => {
  const [mail] = opened(
    await database.db
      .select()
      .from(outboxEmails)
      .where(eq(outboxEmails.to, email))
      .orderBy(desc(outboxEmails.createdAt)),
  );
  return /\/rsvp\/([A-Za-z0-9_-]{43})/.exec(mail!.text)![1]!;
};

describe('the demo launch event (docs/product.md §9.1)', () => {
  it('sam.lead and nova see the venue and the dietary need; nobody else sees the event at all', async () => {
    for (const key of Object.keys(actors) as DemoKey[]) {
      const view = await readEvent(actors[key], launchId, meta);
      const text = pageText(view);
      const sees = key === 'sam' || key === 'nova';
      expect(view !== null, key).toBe(sees);
      expect(text.includes('AURORA-EVENT-VENUE'), key).toBe(sees);
      expect(text.includes('AURORA-DIET-NEEDS'), key).toBe(sees);
      expect(
        (await listEvents(actors[key])).map((e) => e.id),
        key,
      ).toEqual(sees ? [launchId] : []);
    }
  });

  it('the list filter (SQL twin) and row-level security agree with the policy for every demo user', async () => {
    for (const key of Object.keys(actors) as DemoKey[]) {
      const twin = rowsOf<{ id: string }>(
        await database.db.execute(
          sql`select e.id from events e join projects on projects.id = e.project_id where ${visibleEventsWhere(actors[key])}`,
        ),
      ).map((r) => r.id);
      const rls = await withActor(actors[key], ({ tx }) => tx.select({ id: events.id }).from(events));
      expect(twin, key).toEqual(rls.map((r) => r.id));
    }
  });

  it('nothing high-risk is stored in plaintext', async () => {
    const dump = pageText(
      rowsOf(
        await database.db.execute(
          sql`select row_to_json(x)::text as r from (select * from event_venues) x union all select row_to_json(y)::text from (select * from guest_needs) y`,
        ),
      ),
    );
    expect(dump).not.toContain('AURORA-EVENT-VENUE');
    expect(dump).not.toContain('AURORA-DIET-NEEDS');
  });

  it('logistics staff off the allowlist manage the guest list and see only "has needs"', async () => {
    const [sig] = await database.db
      .select({ id: ndaSignatures.id })
      .from(ndaSignatures)
      .where(eq(ndaSignatures.userId, actors.oscar.id));
    await database.db.insert(memberships).values({
      userId: actors.oscar.id,
      projectId: aurora,
      role: 'member',
      scopes: ['logistics'],
      ndaSignatureId: sig!.id,
      grantedBy: actors.ada.id,
    });
    const view = await readEvent(actors.oscar, launchId, meta);
    expect(view).not.toBeNull();
    expect(view!.venue).toBeNull();
    expect(pageText(view)).not.toContain('AURORA-DIET-NEEDS');
    expect(pageText(view)).not.toContain('AURORA-EVENT-VENUE');
    const priya = view!.guests.find((g) => g.name === 'Priya Shah')!;
    expect(priya).toMatchObject({ hasNeeds: true, needs: null });
    // Even straight at the database, off the allowlist the needs rows are not there.
    expect(await withActor(actors.oscar, ({ tx }) => tx.select().from(guestNeeds))).toEqual([]);
    // finn (deal_terms only) and the brand: not found.
    await expectAppError(checkInGuest(actors.finn, priya.id, meta), 'not_found');
    await expectAppError(checkInGuest(actors.brian, priya.id, meta), 'not_found');
    // The client sees but does not run the door.
    await expectAppError(checkInGuest(actors.nova, priya.id, meta), 'not_found');
    expect(await checkInGuest(actors.oscar, priya.id, meta)).toMatchObject({ already: false });
    expect(await checkInGuest(actors.sam, priya.id, meta)).toMatchObject({ already: true });
    expect((await readEvent(actors.nova, launchId, meta))!.guests.find((g) => g.id === priya.id)!.status).toBe(
      'attended',
    );
  });
});

describe('a guest and their RSVP link', () => {
  let eventId: string;
  let token: string;

  it('sam creates an event and invites a guest: the email carries a personal link, stored only as a hash', async () => {
    ({ id: eventId } = await createEvent(
      actors.sam,
      aurora,
      {
        name: 'Aurora press dinner',
        date: '2099-05-01',
        time: '20:00',
        timeZone: 'Europe/Paris',
        publicDescription: 'A small dinner. DINNER-PUBLIC',
        venue: 'Chez Nous DINNER-VENUE',
        access: '',
        security: '',
        needsRetentionDays: 30,
      },
      meta,
    ));
    await inviteGuest(actors.sam, eventId, { name: 'Gina Guest', email: 'gina@guests.test', plusOnes: 1 }, meta);
    await expectAppError(
      inviteGuest(actors.sam, eventId, { name: 'Gina again', email: 'GINA@guests.test', plusOnes: 0 }, meta),
      'invalid',
      /already on the guest list/,
    );
    await expectAppError(
      inviteGuest(actors.nova, eventId, { name: 'X', email: 'x@guests.test', plusOnes: 0 }, meta),
      'not_found',
    );
    token = await tokenFrom('gina@guests.test');
    const [row] = await database.db.select().from(guests).where(eq(guests.email, 'gina@guests.test'));
    expect(row!.tokenHash).not.toContain(token);
    expect(pageText(row)).not.toContain(token);
    const [event] = await database.db.select().from(events).where(eq(events.id, eventId));
    expect(event!.startsAt.toISOString()).toBe('2099-05-01T18:00:00.000Z');
  });

  it('the link shows the public description and the guest’s own invitation only', async () => {
    const view = await readInvitation(token, meta);
    expect(view).toMatchObject({
      guestName: 'Gina Guest',
      plusOnes: 1,
      status: 'invited',
      publicDescription: 'A small dinner. DINNER-PUBLIC',
      needs: null,
    });
    const text = pageText(view);
    for (const hidden of [
      'Aurora press dinner',
      'DINNER-VENUE',
      'Nova Reyes',
      'Aurora',
      'Priya',
      'AURORA-LAUNCH-INVITE',
    ])
      expect(text).not.toContain(hidden);
    expect(await readInvitation('x'.repeat(43), meta)).toBeNull();
    // With the link set, the database shows exactly one guest and one event.
    const seen = await withActor(null, async ({ tx }) => {
      await tx.execute(
        sql`select set_config('app.credential', encode(sha256(convert_to(${token}, 'UTF8')), 'hex'), true)`,
      );
      return {
        guests: await tx.select({ id: guests.id }).from(guests),
        events: await tx.select({ id: events.id }).from(events),
      };
    });
    expect(seen.guests).toHaveLength(1);
    expect(seen.events).toEqual([{ id: eventId }]);
    // Without it: nothing; and a signed-in person holding the link gets nothing through it.
    expect(await withActor(null, ({ tx }) => tx.select().from(guests))).toEqual([]);
    expect(
      await withActor(actors.nina, async ({ tx }) => {
        await tx.execute(
          sql`select set_config('app.credential', encode(sha256(convert_to(${token}, 'UTF8')), 'hex'), true)`,
        );
        return tx.select().from(guests);
      }),
    ).toEqual([]);
  });

  it('accepts, then gives needs only with consent, recorded append-only with the notice version', async () => {
    expect(await answerInvitation(token, 'accept', meta)).toEqual({ status: 'accepted' });
    await expectAppError(
      giveNeeds(token, { dietary: 'No shellfish GINA-NEEDS', accessibility: '', consent: false }, meta),
      'invalid',
      /Tick the box/,
    );
    expect(await database.db.select().from(guestNeeds).where(eq(guestNeeds.eventId, eventId))).toEqual([]);
    await giveNeeds(token, { dietary: 'No shellfish GINA-NEEDS', accessibility: 'Step-free', consent: true }, meta);
    expect((await readInvitation(token, meta))!.needs).toEqual({
      dietary: 'No shellfish GINA-NEEDS',
      accessibility: 'Step-free',
    });
    expect(pageText(await database.db.select().from(guestNeeds))).not.toContain('GINA-NEEDS');
    const consents = await database.db.select().from(guestNeedConsents).where(eq(guestNeedConsents.eventId, eventId));
    expect(consents.map((c) => [c.decision, c.noticeVersion])).toEqual([['granted', 'event-needs-2026-11']]);
    const g = (await readEvent(actors.sam, eventId, meta))!.guests[0]!;
    expect(g.needs).toEqual({ dietary: 'No shellfish GINA-NEEDS', accessibility: 'Step-free' });
    // The consent record cannot be changed or removed by the application.
    await expect(
      withActor(actors.sam, ({ tx }) => tx.execute(sql`update guest_need_consents set decision = 'withdrawn'`)),
    ).rejects.toThrow();
  });

  it('withdraws at any time: needs deleted, withdrawal recorded', async () => {
    expect(await withdrawNeeds(token, meta)).toEqual({ removed: 1 });
    expect((await readInvitation(token, meta))!.needs).toBeNull();
    expect((await readEvent(actors.sam, eventId, meta))!.guests[0]).toMatchObject({ hasNeeds: false, needs: null });
    const consents = await database.db
      .select()
      .from(guestNeedConsents)
      .where(eq(guestNeedConsents.eventId, eventId))
      .orderBy(guestNeedConsents.createdAt);
    expect(consents.map((c) => c.decision)).toEqual(['granted', 'withdrawn']);
  });

  it('the guest’s rights request finds them by email: export with their needs, erasure de-identifies', async () => {
    await giveNeeds(token, { dietary: 'Halal GINA-AGAIN', accessibility: '', consent: true }, meta);
    const exported = await withActor(actors.ada, ({ tx }) => exportGuestRecords(tx, 'GINA@guests.test'));
    expect(exported).toMatchObject([
      { name: 'Gina Guest', email: 'gina@guests.test', status: 'accepted', dietaryNeeds: 'Halal GINA-AGAIN' },
    ]);
    await expect(withActor(actors.sam, ({ tx }) => exportGuestRecords(tx, 'gina@guests.test'))).rejects.toThrow();
    expect(await withActor(actors.ada, ({ tx }) => eraseGuestRecords(tx, 'gina@guests.test', 'Deleted person'))).toBe(
      1,
    );
    const [row] = await database.db.select().from(guests).where(eq(guests.eventId, eventId));
    expect(row).toMatchObject({ name: 'Deleted person', tokenHash: null, hasNeeds: false });
    expect(row!.email).not.toContain('gina');
    expect(await database.db.select().from(guestNeeds).where(eq(guestNeeds.eventId, eventId))).toEqual([]);
    expect(await readInvitation(token, meta)).toBeNull();
  });
});

describe('retention of needs', () => {
  it('deletes needs the event’s retention days after it, with a receipt; a dry run changes nothing', async () => {
    const today = new Date().toISOString().slice(0, 10);
    const { id: eventId } = await createEvent(
      actors.sam,
      aurora,
      {
        name: 'Past breakfast',
        date: today,
        time: '00:00',
        timeZone: 'UTC',
        publicDescription: 'Breakfast.',
        venue: '',
        access: '',
        security: '',
        needsRetentionDays: 0,
      },
      meta,
    );
    await inviteGuest(actors.sam, eventId, { name: 'Rita Retained', email: 'rita@guests.test', plusOnes: 0 }, meta);
    await giveNeeds(
      await tokenFrom('rita@guests.test'),
      { dietary: 'Gluten-free RITA-NEEDS', accessibility: '', consent: true },
      meta,
    );
    const later = new Date(Date.now() + 60_000);
    const dry = await runRetention(actors.ada, { dryRun: true }, meta, later);
    expect(dry.eventNeeds).toMatchObject({ eligible: 1, removed: 0 });
    expect(await database.db.select().from(guestNeeds).where(eq(guestNeeds.eventId, eventId))).toHaveLength(1);
    const run = await runRetention(actors.ada, { dryRun: false }, meta, later);
    expect(run.eventNeeds).toMatchObject({ eligible: 1, held: 0, removed: 1 });
    expect(pageText(run)).not.toContain('RITA-NEEDS');
    expect(await database.db.select().from(guestNeeds).where(eq(guestNeeds.eventId, eventId))).toEqual([]);
    expect((await readEvent(actors.sam, eventId, meta))!.guests[0]).toMatchObject({ hasNeeds: false, needs: null });
    // The demo launch (in three weeks, 30 days) keeps its need; the receipt is in the audit log.
    expect(pageText(await readEvent(actors.sam, launchId, meta))).toContain('AURORA-DIET-NEEDS');
    const [receipt] = await database.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.action, 'retention.run'))
      .orderBy(desc(auditEvents.id))
      .limit(1);
    expect(receipt!.details).toMatchObject({ dryRun: false, eventNeeds: { eligible: 1, held: 0, removed: 1 } });
  });

  it('is an administrator’s act only', async () => {
    await expect(
      withActor(actors.sam, ({ tx }) => tx.execute(sql`select * from retention_event_needs(now(), true)`)),
    ).rejects.toThrow();
  });
});

it('the demo launch guests are the three of the seed', () => {
  expect(AURORA_LAUNCH.guests).toHaveLength(3);
});
