/**
 * The dump test (docs/product.md §6: "a database dump holds none of their plaintext"). The demo world is seeded and
 * used (items created, raised to high-risk, read, revealed), then the whole database is dumped: `pg_dump` on
 * PostgreSQL, and on both drivers every row of every table cast to text. No high-risk or credentials canary,
 * and no secret value, may appear; a confidential canary must (the dump is real). Nor may any bearer secret
 * (issue 11): a session or sign-in challenge token, a reset, invitation, export or RSVP link, or a request's code —
 * each issued through the app and still waiting in the outbox when the dump is taken.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '@/db/client';
import { outboxEmails } from '@/db/schema';
import { DEMO_PASSWORD_DEFAULT, DEMO_SECRETS, seedDemoWorld } from '@/db/seed/demo-world';
import { appendToVersion } from '@/lib/dal/files/append-version';
import { beginVersion } from '@/lib/dal/files/begin-version';
import { readVersion } from '@/lib/dal/files/read-version';
import { storeFile } from '@/lib/dal/files/store-file';
import { classifyItem } from '@/lib/dal/items/classify-item';
import { createItem } from '@/lib/dal/items/create-item';
import { readItem } from '@/lib/dal/items/read-item';
import { beginSignIn } from '@/lib/dal/sign-in/begin-sign-in';
import { revealSecret } from '@/lib/dal/credentials/reveal-secret';
import { DEMO_EMAILS, demoActors, meta } from '../helpers/actors';
import { findSecrets, issueBearerSecrets, type BearerSecret } from '../helpers/bearer-secrets';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { itemIdsByCanary } from '../helpers/demo';
import { opened } from '../helpers/outbox';
import { openSessionFor } from '../helpers/sign-in';

const PG_DUMP = '/usr/bin/pg_dump';

/** Must never be in a dump: the demo's high-risk and credentials canaries, secret values, and this test's own. */
const FORBIDDEN = [
  'AURORA-HR-ITINERARY',
  'BOREALIS-HR-SECURITY',
  'AURORA-CREDENTIALS',
  ...DEMO_SECRETS,
  'DUMP-HR-NEW',
  'DUMP-CRED-TITLE',
  'DUMP-CRED-SECRET',
  'AURORA-SHOOT-SCHEDULE', // raised to high-risk below
  // Files (issue 13): every file is encrypted, whatever its item's classification; names are sealed too. Chunks
  // are bytea, which a dump writes in hex: the hex of the canary is forbidden as well.
  'DUMP-FILE-CONTENT',
  Buffer.from('DUMP-FILE-CONTENT').toString('hex'),
  'DUMP-FILE-PARTIAL',
  Buffer.from('DUMP-FILE-PARTIAL').toString('hex'),
  'DUMP-FILE-NAME',
];
/** Confidential content stays in plaintext: its presence proves the dump holds the data. */
const SANITY = 'AURORA-RATE-250K';

let database: TestDatabase;
let bearerSecrets: BearerSecret[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  const { projects } = await seedDemoWorld(database.db);
  const actors = await demoActors(database.db);
  const ids = await itemIdsByCanary(database.db);
  const base = { projectId: projects.aurora, sharedWithCounterparty: false, allowlistUserIds: [] };
  await createItem(
    actors.sam,
    {
      ...base,
      category: 'logistics',
      classification: 'high_risk',
      title: 'Safe house DUMP-HR-NEW',
      body: 'Address DUMP-HR-NEW',
    },
    meta,
  );
  const { id: credentials } = await createItem(
    actors.nova,
    {
      ...base,
      category: 'credentials',
      classification: 'high_risk',
      title: 'YouTube DUMP-CRED-TITLE',
      body: 'Channel DUMP-CRED-TITLE',
      secret: 'DUMP-CRED-SECRET-Zq9',
    },
    meta,
  );
  await classifyItem(
    actors.sam,
    { itemId: ids['AURORA-SHOOT-SCHEDULE'], classification: 'high_risk', sharedWithCounterparty: false },
    meta,
  );
  // A finished file and an unfinished upload (its sealed hash state holds a partial block of plaintext).
  const text = Buffer.from('Contract draft DUMP-FILE-CONTENT\n'.repeat(40_000));
  const stored = await storeFile(actors.sam, {
    itemId: ids['AURORA-RATE-250K'],
    name: 'DUMP-FILE-NAME.txt',
    data: text,
  });
  for await (const _ of (await readVersion(actors.finn, stored.versionId))!.stream) void _;
  const partial = await beginVersion(actors.sam, { itemId: ids['AURORA-RATE-250K'], name: 'DUMP-FILE-NAME-2.txt' });
  await appendToVersion(actors.sam, {
    versionId: partial.versionId,
    offset: 0,
    source: (async function* () {
      yield Buffer.from('Partial DUMP-FILE-PARTIAL '.repeat(3000));
    })(),
  });
  // A signed-in session: its cookie's token must not be in the dump (the row holds only its hash).
  FORBIDDEN.push((await openSessionFor(DEMO_EMAILS.sam, meta)).sessionId);
  // A sign-in in progress: its challenge cookie's token must not be there either (only its hash is).
  const challenge = await beginSignIn(DEMO_EMAILS.nova, DEMO_PASSWORD_DEFAULT, meta);
  if (!challenge.ok) throw new Error('expected a sign-in challenge');
  FORBIDDEN.push(challenge.token);
  // Links and a code waiting in the outbox, unsent (no SMTP here): only their sealed bodies and hashes are stored.
  bearerSecrets = await issueBearerSecrets(database.db, actors);
  // The search is real: opened, the outbox holds every one of them.
  const outbox = opened(await database.db.select().from(outboxEmails))
    .map((row) => row.text)
    .join('\n');
  expect(findSecrets(outbox, bearerSecrets)).toEqual(bearerSecrets.map((s) => s.kind));
  // Reads and reveals leave audit events (and a reveal's reason) behind: those must not carry content either.
  for (const id of Object.values(ids)) await readItem(actors.sam, id, meta);
  for (const itemId of [ids['AURORA-CREDENTIALS'], credentials]) {
    await revealSecret(
      { ...actors.sam, email: DEMO_EMAILS.sam },
      { itemId, credential: DEMO_PASSWORD_DEFAULT, reason: 'Dump test' },
      meta,
    );
  }
});

afterAll(async () => {
  await database?.dispose();
});

function expectNoPlaintext(dump: string) {
  expect(dump.length).toBeGreaterThan(1000);
  expect(dump, 'sanity: confidential content is in the dump').toContain(SANITY);
  const found = FORBIDDEN.filter((canary) => dump.includes(canary));
  expect(found, 'plaintext of high-risk content or credentials in the dump').toEqual([]);
  expect(bearerSecrets.map((s) => s.kind)).toEqual([
    'reset link',
    'invitation link',
    'request code',
    'export link',
    'rsvp link',
  ]);
  expect(findSecrets(dump, bearerSecrets), 'a bearer secret (link or code) in the dump').toEqual([]);
}

describe('a database dump holds no high-risk or credentials plaintext', () => {
  it('a full scan of every table, every row cast to text', async () => {
    const { db } = database;
    const tables = rowsOf<{ schemaname: string; tablename: string }>(
      await db.execute(sql`select schemaname, tablename from pg_tables
        where schemaname not in ('pg_catalog', 'information_schema') order by 1, 2`),
    );
    expect(tables.map((t) => t.tablename)).toEqual(expect.arrayContaining(['items', 'audit_events', 'users']));
    const parts: string[] = [];
    for (const { schemaname, tablename } of tables) {
      const rows = rowsOf<{ row: string }>(
        await db.execute(sql`select t::text as row from ${sql.identifier(schemaname)}.${sql.identifier(tablename)} t`),
      );
      parts.push(`-- ${schemaname}.${tablename}`, ...rows.map((r) => r.row));
    }
    expectNoPlaintext(parts.join('\n'));
  });

  it.runIf(process.env.TEST_DATABASE === 'postgres')('pg_dump of the whole database', async () => {
    expect(database.url, 'the test database URL').toBeDefined();
    const { stdout } = await promisify(execFile)(
      PG_DUMP,
      ['--no-owner', '--no-privileges', `--dbname=${database.url}`],
      {
        maxBuffer: 256 * 1024 * 1024,
      },
    );
    expect(stdout).toContain('COPY public.items');
    expectNoPlaintext(stdout);
  });
});
