/**
 * The access/portability export (issues 6, 13, 14): one ZIP, streamed through the anonymous export link, holding
 * everything about the person — their uploads as the exact bytes of every version (hash-checked), their profile
 * with sealed fields opened, their consents, the campaigns they were proposed for and their guest records — and
 * nothing of anyone else. The link works once; a wrong, used or expired one gives nothing. The definer functions
 * behind it answer only to the link's holder (or an administrator, for the subject of a verified request).
 */
import { createHash, randomBytes } from 'node:crypto';
import { and, eq, ne, sql } from 'drizzle-orm';
import { strFromU8, unzipSync } from 'fflate';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '@/db/client';
import {
  consentRecords,
  events,
  fileVersions,
  files,
  guestCheckIns,
  guestNeedConsents,
  guestNeeds,
  guests,
  privacyRequests,
} from '@/db/schema';
import { demoFiles } from '@/db/seed/demo-files';
import { DEMO_USERS, seedDemoWorld } from '@/db/seed/demo-world';
import type { Actor } from '@/lib/authz/types';
import { currentMasterKeyId, seal } from '@/lib/crypto/envelope';
import { sha256Hex } from '@/lib/crypto/tokens';
import { bindCredential } from '@/lib/dal/account/bind-credential';
import { needsContext } from '@/lib/dal/events/event-facts';
import { storeFile } from '@/lib/dal/files/store-file';
import { completePrivacyRequest } from '@/lib/dal/privacy/complete';
import { consumeExportLink } from '@/lib/dal/privacy/consume-export-link';
import { describeExportLink } from '@/lib/dal/privacy/describe-export-link';
import { submitAccountRequest } from '@/lib/dal/privacy/submit-account-request';
import { withActor } from '@/lib/dal/transaction';
import type { ExportData } from '@/lib/privacy/export-document';
import { POST as download } from '@/app/(public)/privacy/export/[token]/download/route';
import { demoActors, meta, type DemoKey } from '../helpers/actors';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { startS3rver } from '../helpers/s3rver';
import { itemIdsByCanary } from '../helpers/demo';
import { auditFor, linkSentTo, signInAs } from '../helpers/privacy';

let database: TestDatabase;
let actors: Record<DemoKey, Actor>;
let ids: Awaited<ReturnType<typeof itemIdsByCanary>>;

const PASSWORD = 'demo-pass-2026';
const LINK = /http:\/\/\S+\/privacy\/export\/[\w-]+/;
const tokenOf = (link: string) => link.split('/').pop()!;
const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** A second version of Nova's passport scan (a PNG over three chunks), set in beforeAll; Sam's own upload, which must stay out. */
let NOVA_V2: Buffer;
const SAM_FILE = Buffer.from('SAM-OTHER-UPLOAD\n'.repeat(200));
/** Canaries of other people's data that Nova's export must not hold. */
const OTHERS = [
  'SAM-OTHER-UPLOAD',
  'AURORA-DIET-NEEDS',
  'KAI-PROFILE-BIO',
  'Priya Shah',
  'priya.shah@guests.test',
  'Kai Storm',
];

async function collect(stream: AsyncIterable<Uint8Array>): Promise<Uint8Array> {
  const parts: Buffer[] = [];
  for await (const part of stream) parts.push(Buffer.from(part));
  return new Uint8Array(Buffer.concat(parts));
}

async function exportFor(who: DemoKey, kind: 'access' | 'portability' = 'access') {
  const { requestId } = await submitAccountRequest(actors[who], { kind, residence: 'eea', password: PASSWORD }, meta);
  await completePrivacyRequest(actors.ada, { requestId }, meta);
  const email = DEMO_USERS.find((u) => u.key === who)!.email;
  return { requestId, token: tokenOf(await linkSentTo(database.db, email, LINK)) };
}

beforeAll(async () => {
  database = await createTestDatabase();
  await seedDemoWorld(database.db);
  actors = await demoActors(database.db);
  ids = await itemIdsByCanary(database.db);

  // Nova: a new version of her passport scan, a cookie choice, and an invitation to the Aurora launch (by her
  // email, in capitals) with dietary needs given with consent and a check-in at the door.
  const noise = await sharp({ create: { width: 1000, height: 800, channels: 3, background: '#888' } })
    .png({ compressionLevel: 0 })
    .toBuffer();
  NOVA_V2 = Buffer.concat([noise, Buffer.from('NOVA-OWN-UPLOAD'), randomBytes(12345)]);
  const [passport] = await database.db
    .select({ id: files.id })
    .from(files)
    .where(eq(files.itemId, ids['AURORA-PASSPORT']));
  await storeFile(actors.nova, { fileId: passport!.id, data: NOVA_V2 });
  await storeFile(actors.sam, { itemId: ids['AURORA-RATE-250K'], name: 'sam-notes.txt', data: SAM_FILE });
  await database.db
    .insert(consentRecords)
    .values({ userId: actors.nova.id, purpose: 'analytics', decision: 'denied', method: 'banner', noticeVersion: 1 });
  const [launch] = await database.db.select({ id: events.id }).from(events).limit(1);
  const [guest] = await database.db
    .insert(guests)
    .values({
      eventId: launch!.id,
      name: 'Nova R.',
      email: 'NOVA@talent.test',
      plusOnes: 1,
      status: 'attended',
      hasNeeds: true,
      invitedAt: new Date('2026-11-01T09:00:00Z'),
      respondedAt: new Date('2026-11-02T09:00:00Z'),
    })
    .returning({ id: guests.id });
  await database.db.insert(guestNeeds).values({
    guestId: guest!.id,
    eventId: launch!.id,
    sealed: seal(
      JSON.stringify({ dietary: 'NOVA-DIET-CANARY no shellfish', accessibility: '' }),
      needsContext(guest!.id),
    ),
    keyId: currentMasterKeyId(),
  });
  await database.db
    .insert(guestNeedConsents)
    .values({ guestId: guest!.id, eventId: launch!.id, decision: 'granted', noticeVersion: 'event-needs-2026-11' });
  await database.db.insert(guestCheckIns).values({
    guestId: guest!.id,
    eventId: launch!.id,
    checkedInBy: actors.sam.id,
    checkedInAt: new Date('2026-11-20T19:05:00Z'),
  });
  await signInAs(actors.nova.id, meta);
});

afterAll(async () => {
  await database?.dispose();
});

describe('the export link', () => {
  let token: string;
  let requestId: string;
  let zip: Record<string, Uint8Array>;
  let data: ExportData;

  it('streams one ZIP with every version of the person’s uploads, byte for byte, checked against the stored SHA-256', async () => {
    ({ token, requestId } = await exportFor('nova'));
    expect((await describeExportLink(token))?.state).toBe('ready');
    const got = await consumeExportLink(token, meta);
    expect(got?.filename).toMatch(/^clearance-export-PR-\d{5}\.zip$/);
    zip = unzipSync(await collect(got!.archive));
    data = JSON.parse(strFromU8(zip['export.json']!)) as ExportData;
    expect(data).toEqual(got!.data);

    const stored = await database.db
      .select({ version: fileVersions.version, sha256: fileVersions.sha256, size: fileVersions.size })
      .from(fileVersions)
      .where(eq(fileVersions.uploadedBy, actors.nova.id))
      .orderBy(fileVersions.version);
    expect(stored.map((v) => v.version)).toEqual([1, 2]);
    const inZip = Object.keys(zip).filter((name) => name.startsWith('files/'));
    expect(inZip).toEqual(['files/passport-scan (version 1).png', 'files/passport-scan (version 2).png']);
    expect(sha(zip[inZip[0]!]!)).toBe(stored[0]!.sha256);
    expect(sha(zip[inZip[0]!]!)).toBe(sha((await demoFiles()).passport.bytes));
    expect(sha(zip[inZip[1]!]!)).toBe(stored[1]!.sha256);
    expect(Buffer.from(zip[inZip[1]!]!).equals(NOVA_V2)).toBe(true);
    expect(data.files.map((f) => [f.path, f.sha256])).toEqual(inZip.map((path, i) => [path, stored[i]!.sha256]));
    const listed = data.categories.find((c) => c.key === 'filesUploaded')!.records;
    expect(listed.map((r) => r.inThisDownload)).toEqual(inZip);
  });

  it('holds the profile (sealed fields opened, with their visibility), consents, campaigns and guest records', () => {
    const category = (key: string) => data.categories.find((c) => c.key === key)!.records;
    expect(category('profile')).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          field: 'rates',
          value: 'Sponsored video from 18,000 EUR. NOVA-RATES',
          visibility: 'private',
        }),
        expect.objectContaining({ field: 'bio', visibility: 'public' }),
        expect.objectContaining({ field: 'media_kit', visibility: 'brand' }),
      ]),
    );
    expect(category('profileConsents')).toEqual(
      expect.arrayContaining([expect.objectContaining({ field: 'bio', from: 'private', to: 'public' })]),
    );
    expect(category('consents')).toEqual(
      expect.arrayContaining([expect.objectContaining({ purpose: 'analytics', decision: 'denied', method: 'banner' })]),
    );
    expect(category('shortlists')).toEqual([
      expect.objectContaining({ brand: 'Lumen Cosmetics', campaign: 'Spring skincare launch', withdrawnAt: null }),
    ]);
    expect(category('eventGuests')).toEqual([
      expect.objectContaining({
        event: 'Aurora launch party',
        status: 'attended',
        plusOnes: 1,
        dietaryNeeds: 'NOVA-DIET-CANARY no shellfish',
        checkedInAt: '2026-11-20T19:05:00.000Z',
      }),
    ]);
    expect(category('eventNeedConsents')).toEqual([
      expect.objectContaining({
        event: 'Aurora launch party',
        decision: 'granted',
        noticeVersion: 'event-needs-2026-11',
      }),
    ]);
    expect(category('account')[0]).toMatchObject({ name: 'Nova Reyes', email: 'nova@talent.test', role: 'client' });
    // Who received her data outside MM Group (the disclosure register of the demo world).
    expect(category('recipients')).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          recipient: 'Skyline Travel Desk',
          purpose: 'Booking flights and hotels for the Aurora shoot',
        }),
      ]),
    );
    // (What the export held before issue 13/14, kept: moved here from privacy-erasure.test.ts.)
    expect(category('clientAccounts')[0]).toMatchObject({ codename: 'Client Vega' });
    expect(category('sessions').length).toBeGreaterThan(0);
    expect(category('authorizations').some((a) => a.signer === 'Nova Reyes')).toBe(true);
    expect(category('privacyRequests').length).toBeGreaterThan(0);
    expect(category('auditEvents').some((e) => e.action === 'auth.sign_in' && e.by === 'you')).toBe(true);
    for (const c of data.categories) expect(c.purpose && c.recipients && c.retention).toBeTruthy();

    const html = strFromU8(zip['index.html']!);
    for (const text of [
      'Your profile',
      'Skyline Travel Desk',
      'Sponsored video from 18,000 EUR. NOVA-RATES',
      'Campaigns you were proposed for',
      'Checked in at the door',
      '20 November 2026 at 19:05 UTC',
      'Why we hold it',
    ]) {
      expect(html).toContain(text);
    }
    expect(html).toContain('href="files/passport-scan (version 2).png"');
  });

  it('holds nothing of anyone else: no other person’s name, email, id, file or canary', async () => {
    const others = DEMO_USERS.filter((u) => u.key !== 'nova').flatMap((u) => [u.name, u.email]);
    const otherIds = Object.values(actors)
      .filter((a) => a.id !== actors.nova.id)
      .map((a) => a.id);
    for (const [name, bytes] of Object.entries(zip)) {
      const text = Buffer.from(bytes).toString('latin1');
      for (const other of [...others, ...otherIds, ...OTHERS])
        expect(text.includes(other), `${other} in ${name}`).toBe(false);
    }
    const foreign = await database.db
      .select({ sha256: fileVersions.sha256 })
      .from(fileVersions)
      .where(ne(fileVersions.uploadedBy, actors.nova.id));
    const inZip = new Set(Object.entries(zip).map(([, bytes]) => sha(bytes)));
    expect(foreign.length).toBeGreaterThan(3);
    for (const f of foreign) expect(inZip.has(f.sha256!)).toBe(false);
  });

  it('works once, audited with what it held; a used, wrong or expired link gives nothing', async () => {
    expect(await consumeExportLink(token, meta)).toBeNull();
    expect((await describeExportLink(token))?.state).toBe('used');
    const [event] = await auditFor(database.db, requestId, 'privacy.export_downloaded');
    expect(event?.details).toMatchObject({
      recipient: 'subject',
      files: 2,
      bytes: NOVA_V2.length + (await demoFiles()).passport.bytes.length,
    });

    const wrong = 'x'.repeat(43);
    expect(await consumeExportLink(wrong, meta)).toBeNull();
    expect(await describeExportLink(wrong)).toBeNull();

    const brian = await exportFor('brian', 'portability');
    const later = new Date(Date.now() + 5 * 86_400_000 + 1000);
    expect(await consumeExportLink(brian.token, meta, later)).toBeNull();
    expect((await describeExportLink(brian.token, later))?.state).toBe('expired');
  });

  it('the download route streams the ZIP to whoever holds a fresh link, and sends a wrong or used one back to the page', async () => {
    const { token: fresh } = await exportFor('nova', 'portability');
    const post = (t: string) =>
      download(
        new Request(`http://localhost/privacy/export/${t}/download`, {
          method: 'POST',
          headers: { 'sec-fetch-site': 'same-origin' },
        }),
        {
          params: Promise.resolve({ token: t }),
        },
      );
    const ok = await post(fresh);
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toBe('application/zip');
    expect(ok.headers.get('cache-control')).toBe('no-store');
    const body = unzipSync(new Uint8Array(await ok.arrayBuffer()));
    expect(Buffer.from(body['files/passport-scan (version 2).png']!).equals(NOVA_V2)).toBe(true);
    for (const t of [fresh, 'y'.repeat(43)]) {
      const again = await post(t);
      expect(again.status).toBe(303);
      expect(again.headers.get('location')).toBe(`http://localhost/privacy/export/${t}`);
    }
  });
});

describe('the definer functions behind it', () => {
  const asLink = (hash: string | null, query: ReturnType<typeof sql>) =>
    withActor(null, async ({ tx }) => {
      if (hash) await bindCredential(tx, { credential: hash });
      return rowsOf<Record<string, unknown>>(await tx.execute(query));
    });

  it('give a link’s holder only the versions its person uploaded, and only once the link is claimed', async () => {
    const { token } = await exportFor('nova', 'portability');
    const versions = sql`select r_version_id, r_blob_key from privacy_export_link_versions()`;
    // Unclaimed, wrong, or no credential at all: nothing.
    expect(await asLink(sha256Hex(token), versions)).toEqual([]);
    expect(await asLink(sha256Hex('z'.repeat(43)), versions)).toEqual([]);
    expect(await asLink(null, versions)).toEqual([]);
    await consumeExportLink(token, meta);
    const mine = await asLink(sha256Hex(token), versions);
    expect(mine).toHaveLength(2);
    // Another person's blob, asked for with Nova's link: nothing.
    const [sams] = await database.db
      .select({ blobKey: fileVersions.blobKey })
      .from(fileVersions)
      .where(eq(fileVersions.uploadedBy, actors.sam.id))
      .limit(1);
    expect(
      await asLink(sha256Hex(token), sql`select * from privacy_export_link_chunks(${sams!.blobKey}, 0, 1)`),
    ).toEqual([]);
    expect(
      await asLink(
        sha256Hex(token),
        sql`select r_idx from privacy_export_link_chunks(${mine[0]!.r_blob_key as string}, 0, 1)`,
      ),
    ).toHaveLength(1);
    // Signed-in people get nothing from it either.
    expect(await withActor(actors.sam, async ({ tx }) => rowsOf(await tx.execute(versions)))).toEqual([]);
  });

  it('give an administrator a person’s profile and guest records only for the subject of a verified access request', async () => {
    const person = (actor: Actor | null, requestId: string) =>
      withActor(
        actor,
        async ({ tx }) =>
          rowsOf<{ v: unknown }>(await tx.execute(sql`select privacy_export_person(${requestId}::uuid) as v`))[0]!.v,
      );
    const { requestId } = await exportFor('nova');
    expect(await person(actors.ada, requestId)).not.toBeNull();
    expect(await person(actors.sam, requestId)).toBeNull();
    expect(await person(null, requestId)).toBeNull();
    const { requestId: deletion } = await submitAccountRequest(
      actors.kai,
      { kind: 'deletion', residence: 'eea', password: PASSWORD },
      meta,
    );
    expect(await person(actors.ada, deletion)).toBeNull();
    await database.db.update(privacyRequests).set({ verifiedAt: null }).where(eq(privacyRequests.id, requestId));
    expect(await person(actors.ada, requestId)).toBeNull();
    // The old listing still answers administrators only.
    await expect(
      withActor(actors.sam, ({ tx }) => tx.execute(sql`select * from privacy_export_files(${actors.nova.id}::uuid)`)),
    ).rejects.toThrow();
  });
});

describe('files in either store, checked as they stream', () => {
  it('a version kept in the S3-compatible store comes out byte for byte too', async () => {
    const s3 = await startS3rver();
    try {
      process.env.CLEARANCE_BLOB_STORE = 's3';
      const [passport] = await database.db
        .select({ id: files.id })
        .from(files)
        .where(eq(files.itemId, ids['AURORA-PASSPORT']));
      const v3 = Buffer.concat([NOVA_V2.subarray(0, NOVA_V2.length - 100), Buffer.from('NOVA-S3-VERSION')]);
      await storeFile(actors.nova, { fileId: passport!.id, data: v3 });
      delete process.env.CLEARANCE_BLOB_STORE;
      const { token } = await exportFor('nova', 'portability');
      const zip = unzipSync(await collect((await consumeExportLink(token, meta))!.archive));
      expect(Buffer.from(zip['files/passport-scan (version 3).png']!).equals(v3)).toBe(true);
      expect(Buffer.from(zip['files/passport-scan (version 2).png']!).equals(NOVA_V2)).toBe(true);
    } finally {
      delete process.env.CLEARANCE_BLOB_STORE;
      await s3.stop();
    }
  });

  it('a chunk altered at rest cuts the download off instead of handing over other bytes', async () => {
    const [v2] = await database.db
      .select({ blobKey: fileVersions.blobKey })
      .from(fileVersions)
      .where(and(eq(fileVersions.uploadedBy, actors.nova.id), eq(fileVersions.version, 2)));
    const flip = sql`update file_chunks set data = set_byte(data, 40, (get_byte(data, 40) + 1) % 256) where blob_key = ${v2!.blobKey} and idx = 1`;
    await database.db.execute(flip);
    try {
      const { token } = await exportFor('nova', 'portability');
      const got = await consumeExportLink(token, meta);
      await expect(collect(got!.archive)).rejects.toThrow(/integrity check/);
    } finally {
      // Flip it back: 255 more steps of +1 mod 256.
      await database.db.execute(
        sql`update file_chunks set data = set_byte(data, 40, (get_byte(data, 40) + 255) % 256) where blob_key = ${v2!.blobKey} and idx = 1`,
      );
    }
  });
});
