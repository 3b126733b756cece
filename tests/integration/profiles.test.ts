/**
 * Profiles and shortlists (issue 14) on the demo world: the policy, its SQL twin and row-level security agree
 * for every demo user (and the public) on every field of every profile; the DAL's visibility changes with
 * consent, withdrawal on the next request, never-public fields refused by the database too, high-risk fields
 * sealed at rest, the brand's shortlist view audited into the creator's history, and no public page for Kai.
 */
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '@/db/client';
import { NOVA_PROFILE_SLUG } from '@/db/seed/demo-profiles';
import { seedDemoWorld } from '@/db/seed/demo-world';
import { notifications, profileConsents, profileFields, profiles } from '@/db/schema';
import {
  canViewProfile,
  PROFILE_NOTICE_VERSION,
  type ProfileField,
  type ProfileVisibility,
} from '@/lib/authz/profiles';
import { visibleProfileFieldsWhere } from '@/lib/authz/profiles-sql';
import type { Actor } from '@/lib/authz/types';
import { loadProfileFacts } from '@/lib/dal/profiles/facts';
import { readMyProfile } from '@/lib/dal/profiles/read-my-profile';
import { readProfile } from '@/lib/dal/profiles/read-profile';
import { listPublicProfiles } from '@/lib/dal/profiles/list-public-profiles';
import { readPublicProfile } from '@/lib/dal/profiles/read-public-profile';
import { listFreelancers } from '@/lib/dal/profiles/list-freelancers';
import { updateProfileField } from '@/lib/dal/profiles/update-profile-field';
import { addShortlistEntry } from '@/lib/dal/shortlists/add-shortlist-entry';
import { createShortlist } from '@/lib/dal/shortlists/create-shortlist';
import { proposeShortlist } from '@/lib/dal/shortlists/propose-shortlist';
import { listShortlists } from '@/lib/dal/shortlists/list-shortlists';
import { readShortlist } from '@/lib/dal/shortlists/read-shortlist';
import { withActor } from '@/lib/dal/transaction';
import { demoActors, meta, type DemoKey } from '../helpers/actors';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { expectAppError } from '../helpers/expect';

let database: TestDatabase;
let actors: Record<DemoKey, Actor>;
let seeded: Awaited<ReturnType<typeof seedDemoWorld>>;

beforeAll(async () => {
  database = await createTestDatabase();
  seeded = await seedDemoWorld(database.db);
  actors = await demoActors(database.db);
});
afterAll(async () => database?.dispose());

type Row = { profile_id: string; user_id: string; field: ProfileField; visibility: ProfileVisibility };
const key = (r: { profile_id: string; field: string }) => `${r.profile_id}:${r.field}`;

async function allFields(): Promise<Row[]> {
  return rowsOf<Row>(
    await database.db.execute(
      sql`select profile_id::text, user_id::text, field::text, visibility::text from profile_fields`,
    ),
  );
}

describe('the policy, its SQL twin and row-level security agree (profile.view)', () => {
  it('for every demo user and the public, on every field of every profile', async () => {
    const everything = await allFields();
    const people = [...new Set(everything.map((r) => r.user_id))];
    const viewers: (DemoKey | null)[] = [null, ...(Object.keys(actors) as DemoKey[])];
    const disagreements: string[] = [];
    for (const viewerKey of viewers) {
      const actor = viewerKey ? actors[viewerKey] : null;
      // 1. The policy, from facts as the application loads them.
      const byPolicy = new Set<string>();
      for (const person of people) {
        const facts = await withActor(actor, ({ tx }) => loadProfileFacts(tx, actor, person));
        const mine = everything.filter((r) => r.user_id === person);
        const decision = canViewProfile(
          actor,
          facts,
          mine.map((r) => ({ field: r.field, visibility: r.visibility })),
        );
        if (decision.allowed)
          for (const f of decision.fields) byPolicy.add(key({ profile_id: mine[0]!.profile_id, field: f }));
      }
      // 2. The SQL twin, with no row-level security (as the table owner).
      const twin = rowsOf<Row>(
        await database.db.execute(
          sql`select profile_id::text, field::text from ${profileFields} where ${visibleProfileFieldsWhere(actor)}`,
        ),
      ).map(key);
      // 3. Row-level security alone, as the application role with this acting user.
      const rls = await withActor(actor, async ({ tx }) =>
        rowsOf<Row>(await tx.execute(sql`select profile_id::text, field::text from profile_fields`)).map(key),
      );
      const a = [...byPolicy].sort();
      if (JSON.stringify(a) !== JSON.stringify([...twin].sort()))
        disagreements.push(`${viewerKey ?? 'public'}: policy ${a} / twin ${[...twin].sort()}`);
      if (JSON.stringify(a) !== JSON.stringify([...rls].sort()))
        disagreements.push(`${viewerKey ?? 'public'}: policy ${a} / RLS ${[...rls].sort()}`);
    }
    expect(disagreements).toEqual([]);
  });
});

describe('who sees the profile canaries (docs/product.md §9.1)', () => {
  const text = async (viewer: DemoKey, profileUserKey: 'nova' | 'kai') => {
    const [p] = await database.db
      .select({ id: profiles.id })
      .from(profiles)
      .where(eq(profiles.userId, seeded.userIds[profileUserKey]));
    const view = await readProfile(actors[viewer], p!.id, meta);
    return view ? view.fields.map((f) => f.value).join(' ') : '';
  };
  it('Nova: sam and nova all three; brian public and media kit; finn, cora, ada, nina only the public bio', async () => {
    expect(await text('sam', 'nova')).toMatch(/NOVA-PUBLIC-BIO.*NOVA-MEDIA-KIT.*NOVA-RATES/s);
    expect(await text('nova', 'nova')).toContain('NOVA-RATES');
    const brian = await text('brian', 'nova');
    expect(brian).toContain('NOVA-MEDIA-KIT');
    expect(brian).toContain('NOVA-PUBLIC-BIO');
    expect(brian).not.toContain('NOVA-RATES');
    for (const k of ['finn', 'cora', 'ada', 'nina', 'oscar', 'kai'] as const) {
      const seen = await text(k, 'nova');
      expect(seen, k).toContain('NOVA-PUBLIC-BIO');
      expect(seen, k).not.toMatch(/NOVA-MEDIA-KIT|NOVA-RATES/);
    }
  });
  it('Kai: oscar and kai only; no public page', async () => {
    expect(await text('oscar', 'kai')).toContain('KAI-PROFILE-BIO');
    expect(await text('kai', 'kai')).toContain('KAI-PROFILE-BIO');
    for (const k of ['sam', 'finn', 'cora', 'ada', 'nina', 'nova', 'brian'] as const)
      expect(await text(k, 'kai'), k).toBe('');
    const [kai] = await database.db
      .select({ slug: profiles.slug })
      .from(profiles)
      .where(eq(profiles.userId, seeded.userIds.kai));
    expect(await readPublicProfile(kai!.slug)).toBeNull();
    expect((await listPublicProfiles()).map((p) => p.slug)).toEqual([NOVA_PROFILE_SLUG]);
  });
  it('rates and contact details are sealed at rest: no plaintext in the table', async () => {
    const dump = JSON.stringify(rowsOf(await database.db.execute(sql`select * from profile_fields`)));
    expect(dump).not.toContain('NOVA-RATES');
    expect(dump).toContain('NOVA-MEDIA-KIT');
  });
  it('the database refuses a public rates field whatever the application says', async () => {
    const [p] = await database.db
      .select({ id: profiles.id })
      .from(profiles)
      .where(eq(profiles.userId, seeded.userIds.nova));
    await expect(
      database.db.execute(
        sql`update profile_fields set visibility = 'public' where profile_id = ${p!.id} and field = 'rates'`,
      ),
    ).rejects.toThrow();
    await expect(
      withActor(actors.nova, ({ tx }) => tx.execute(sql`update profile_consents set notice_version = 'x'`)),
    ).rejects.toThrow();
  });
});

describe('editing one’s own profile (profile.edit)', () => {
  it('making a field public needs the consent tick, is recorded with the notice version, and withdrawing it holds on the next request', async () => {
    const nova = actors.nova;
    const change = {
      field: 'audience' as const,
      value: 'NOVA-AUDIENCE-TEST 1.2M followers',
      visibility: 'public' as const,
      noticeVersion: PROFILE_NOTICE_VERSION,
    };
    await expectAppError(updateProfileField(nova, { ...change, consent: false }, meta), 'invalid');
    await updateProfileField(nova, { ...change, consent: true }, meta);
    expect(JSON.stringify(await readPublicProfile(NOVA_PROFILE_SLUG))).toContain('NOVA-AUDIENCE-TEST');
    await updateProfileField(nova, { ...change, visibility: 'private', consent: false }, meta);
    expect(JSON.stringify(await readPublicProfile(NOVA_PROFILE_SLUG))).not.toContain('NOVA-AUDIENCE-TEST');
    const consents = await database.db.select().from(profileConsents).where(eq(profileConsents.field, 'audience'));
    expect(consents.map((c) => `${c.previousVisibility}>${c.visibility}@${c.noticeVersion}`)).toEqual([
      `private>public@${PROFILE_NOTICE_VERSION}`,
      `public>private@${PROFILE_NOTICE_VERSION}`,
    ]);
    const mine = await readMyProfile(nova);
    expect(mine?.fields.find((f) => f.field === 'audience')?.visibility).toBe('private');
  });
  it('nobody else edits it; a brand user has no profile; rates can never be public', async () => {
    expect(await readMyProfile(actors.brian)).toBeNull();
    await expectAppError(
      updateProfileField(
        actors.brian,
        { field: 'bio', value: 'x', visibility: 'private', consent: false, noticeVersion: PROFILE_NOTICE_VERSION },
        meta,
      ),
      'not_found',
    );
    await expectAppError(
      updateProfileField(
        actors.nova,
        { field: 'rates', value: 'x', visibility: 'public', consent: true, noticeVersion: PROFILE_NOTICE_VERSION },
        meta,
      ),
      'not_found',
    );
  });
});

describe('shortlists', () => {
  it('the brand sees brand-visible fields only; each view is audited into the creator’s history', async () => {
    const [list] = await listShortlists(actors.brian);
    expect(list?.campaign).toBe('Spring skincare launch');
    const view = await readShortlist(actors.brian, list!.id, meta);
    const shown = JSON.stringify(view);
    expect(shown).toContain('NOVA-MEDIA-KIT');
    expect(shown).not.toContain('NOVA-RATES');
    const history = await readMyProfile(actors.nova);
    expect(history?.views.length).toBeGreaterThan(0);
    expect(history?.proposals[0]?.brand).toBe('Lumen Cosmetics');
    for (const k of ['finn', 'oscar', 'nina', 'kai', 'ada'] as const)
      expect(await readShortlist(actors[k], list!.id, meta), k).toBeNull();
  });
  it('staff add only creators they are cleared for and propose; the creator is told, by codename when the brand is new to them', async () => {
    const id = await createShortlist(
      actors.oscar,
      { brandAccountId: seeded.clients.lumen, campaign: 'Autumn sound' },
      meta,
    );
    const [kaiProfile] = await database.db
      .select({ id: profiles.id })
      .from(profiles)
      .where(eq(profiles.userId, seeded.userIds.kai));
    const [novaProfile] = await database.db
      .select({ id: profiles.id })
      .from(profiles)
      .where(eq(profiles.userId, seeded.userIds.nova));
    await expectAppError(
      addShortlistEntry(actors.oscar, { shortlistId: id, profileId: novaProfile!.id }, meta),
      'not_found',
    );
    await expectAppError(
      addShortlistEntry(actors.sam, { shortlistId: id, profileId: novaProfile!.id }, meta),
      'not_found',
    );
    await addShortlistEntry(actors.oscar, { shortlistId: id, profileId: kaiProfile!.id }, meta);
    expect(await readShortlist(actors.brian, id, meta)).toBeNull();
    await proposeShortlist(actors.oscar, id, meta);
    const told = await database.db
      .select({ title: notifications.title, body: notifications.body })
      .from(notifications)
      .where(eq(notifications.userId, seeded.userIds.kai));
    expect(told.map((n) => n.title)).toContain('You were proposed to Brand Lyra');
    expect(JSON.stringify(told)).not.toMatch(/Lumen|Autumn sound/);
    // Kai shows nothing to brands: the brand sees the entry with no fields.
    const view = await readShortlist(actors.brian, id, meta);
    expect(view?.entries).toEqual([
      { profileId: kaiProfile!.id, name: null, fields: [], withdrawnAt: null, withdrawnBy: null },
    ]);
    await expectAppError(
      addShortlistEntry(actors.oscar, { shortlistId: id, profileId: kaiProfile!.id }, meta),
      'not_found',
    );
    await expectAppError(
      createShortlist(actors.cora, { brandAccountId: seeded.clients.lumen, campaign: 'x' }, meta),
      'not_found',
    );
    await expectAppError(
      createShortlist(actors.oscar, { brandAccountId: seeded.clients.nova, campaign: 'x' }, meta),
      'not_found',
    );
  });
  it('freelancers: staff see experience and skills; admins too; clients nothing', async () => {
    const staffView = JSON.stringify(await listFreelancers(actors.finn));
    expect(staffView).toContain('DaVinci');
    expect(JSON.stringify(await listFreelancers(actors.ada))).toContain('DaVinci');
    expect(await listFreelancers(actors.nova)).toEqual([]);
    expect(await listFreelancers(actors.cora)).toEqual([]);
  });
});
