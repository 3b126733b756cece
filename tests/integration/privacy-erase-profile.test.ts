/**
 * Erasure includes profiles and guest records (issue 14): a deletion request removes the person's profile fields
 * (the sealed ones too), their places on shortlists and their guest records' identity and needs; the consent
 * records of their field visibility stay as proof, without IP and browser; the receipt says what went and what
 * stayed. The brand stops seeing them and their public page is gone.
 */
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  events,
  guestNeeds,
  guests,
  profileConsents,
  profileFields,
  profiles,
  shortlistEntries,
  shortlists,
} from '@/db/schema';
import { seedDemoWorld } from '@/db/seed/demo-world';
import { NOVA_PROFILE_SLUG } from '@/db/seed/demo-profiles';
import type { Actor } from '@/lib/authz/types';
import { currentMasterKeyId, seal } from '@/lib/crypto/envelope';
import { needsContext } from '@/lib/dal/events/event-facts';
import { completePrivacyRequest } from '@/lib/dal/privacy/complete';
import { submitPublicRequest } from '@/lib/dal/privacy/submit-public-request';
import { verifyRequestCode } from '@/lib/dal/privacy/verify-request-code';
import { readPublicProfile } from '@/lib/dal/profiles/read-public-profile';
import { readShortlist } from '@/lib/dal/shortlists/read-shortlist';
import { demoActors, meta, type DemoKey } from '../helpers/actors';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { codeSentTo, lastEmailTo, publicRequest } from '../helpers/privacy';

let database: TestDatabase;
let actors: Record<DemoKey, Actor>;
let shortlistId: string;
let guestId: string;

beforeAll(async () => {
  database = await createTestDatabase();
  await seedDemoWorld(database.db);
  actors = await demoActors(database.db);
  const [list] = await database.db.select({ id: shortlists.id }).from(shortlists);
  shortlistId = list!.id;
  // Nova is also a guest of the launch (by email, as the guest list knows people), with a dietary need.
  const [launch] = await database.db.select({ id: events.id }).from(events);
  const [guest] = await database.db
    .insert(guests)
    .values({ eventId: launch!.id, name: 'Nova Reyes', email: 'Nova@Talent.test', status: 'accepted', hasNeeds: true })
    .returning({ id: guests.id });
  guestId = guest!.id;
  await database.db.insert(guestNeeds).values({
    guestId,
    eventId: launch!.id,
    sealed: seal(JSON.stringify({ dietary: 'No nuts NOVA-GUEST-NEEDS', accessibility: '' }), needsContext(guestId)),
    keyId: currentMasterKeyId(),
  });
  await database.db
    .update(profileConsents)
    .set({ ip: '203.0.113.7', userAgent: 'Test browser' })
    .where(eq(profileConsents.userId, actors.nova.id));
});

afterAll(async () => {
  await database?.dispose();
});

describe('erasing a creator', () => {
  it('removes their profile, shortlist places and guest needs, keeps the consent proof, and says so in the receipt', async () => {
    const nova = actors.nova.id;
    // Before: the brand sees Nova's brand-visible media kit, and her page is public.
    expect(JSON.stringify(await readShortlist(actors.brian, shortlistId, meta))).toContain('NOVA-MEDIA-KIT');
    expect(await readPublicProfile(NOVA_PROFILE_SLUG)).not.toBeNull();
    const consentsBefore = await database.db.select().from(profileConsents).where(eq(profileConsents.userId, nova));
    expect(consentsBefore.length).toBeGreaterThan(0);

    const { requestId } = await submitPublicRequest(
      publicRequest({ kind: 'deletion', email: 'nova@talent.test', name: 'Nova' }),
      meta,
    );
    await verifyRequestCode(
      { requestId, code: await codeSentTo(database.db, 'nova@talent.test'), purpose: 'requester' },
      meta,
    );
    const { receipt } = await completePrivacyRequest(actors.ada, { requestId }, meta);
    const lines = Object.fromEntries(receipt!.tables.map((t) => [t.table, t]));
    expect(lines['profile fields']).toMatchObject({ outcome: 'removed', count: 4 });
    expect(lines['profile fields']!.why).toContain('1 sealed');
    expect(lines['profile']).toMatchObject({ outcome: 'de-identified', count: 1 });
    expect(lines['shortlists proposing you']).toMatchObject({ outcome: 'removed', count: 1 });
    expect(lines['profile visibility consents']).toMatchObject({ outcome: 'kept', count: consentsBefore.length });
    expect(lines['event guest lists']).toMatchObject({ outcome: 'de-identified', count: 1 });

    // In the database: no field (and no sealed envelope), no shortlist place, a new address.
    expect(await database.db.select().from(profileFields).where(eq(profileFields.userId, nova))).toHaveLength(0);
    expect(await database.db.select().from(shortlistEntries).where(eq(shortlistEntries.userId, nova))).toHaveLength(0);
    const [profile] = await database.db.select().from(profiles).where(eq(profiles.userId, nova));
    expect(profile!.slug).not.toBe(NOVA_PROFILE_SLUG);
    expect(profile!.slug).toMatch(/^erased-/);
    // The consent proof stays, as it was, without IP and browser.
    const consentsAfter = await database.db.select().from(profileConsents).where(eq(profileConsents.userId, nova));
    expect(consentsAfter.map((c) => [c.id, c.field, c.visibility, c.noticeVersion])).toEqual(
      consentsBefore.map((c) => [c.id, c.field, c.visibility, c.noticeVersion]),
    );
    expect(consentsAfter.every((c) => c.ip === null && c.userAgent === null)).toBe(true);
    // The guest record names nobody and its needs are gone.
    const [guest] = await database.db.select().from(guests).where(eq(guests.id, guestId));
    expect(guest).toMatchObject({ name: 'Deleted person', hasNeeds: false });
    expect(guest!.email).not.toMatch(/nova/i);
    expect(await database.db.select().from(guestNeeds).where(eq(guestNeeds.guestId, guestId))).toHaveLength(0);
    expect(JSON.stringify(rowsOfAll(await database.db.execute(sql`select * from profile_fields`)))).not.toContain(nova);

    // Seen from outside: the brand's shortlist no longer shows her; her public page is gone.
    const seen = await readShortlist(actors.brian, shortlistId, meta);
    expect(JSON.stringify(seen)).not.toContain('NOVA-MEDIA-KIT');
    expect(seen?.entries ?? []).toHaveLength(0);
    expect(await readPublicProfile(NOVA_PROFILE_SLUG)).toBeNull();
    // The confirmation lists the profile lines.
    expect((await lastEmailTo(database.db, 'nova@talent.test'))?.text).toContain('profile fields: removed');
  });
});

function rowsOfAll(result: unknown): unknown[] {
  return Array.isArray(result) ? result : ((result as { rows?: unknown[] }).rows ?? []);
}
