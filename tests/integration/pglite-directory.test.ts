/**
 * The embedded database's own files hold no plaintext of a file (issue 13), of high-risk content (docs/product.md §6),
 * nor any bearer secret waiting in the outbox (issue 11): the demo world is seeded into a PGlite data directory on disk
 * — the demo's default store — with its four files (docs/product.md §9.1), the directory is closed, and every byte of
 * every file in it is searched for each canary and for slices of each stored file's real plaintext (read back through
 * the app, as the person who may read it). A confidential item's canary must be found: the search is real. PGlite only
 * (PostgreSQL keeps its files elsewhere; pg_dump covers it in database-dump.test.ts).
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromPglite, useDatabase } from '@/db/client';
import { fileVersions } from '@/db/schema';
import { DEMO_SECRETS, seedDemoWorld } from '@/db/seed/demo-world';
import { readVersion } from '@/lib/dal/files/read-version';
import { demoActors } from '../helpers/actors';
import { findSecrets, issueBearerSecrets, type BearerSecret } from '../helpers/bearer-secrets';

const onPglite = process.env.TEST_DATABASE !== 'postgres';
const FORBIDDEN = [
  'AURORA-CONTRACT-FILE',
  'AURORA-DECK-FILE',
  'AURORA-PASSPORT-FILE',
  'BOREALIS-TEASER-FILE',
  'AURORA-HR-ITINERARY',
  'BOREALIS-HR-SECURITY',
  ...DEMO_SECRETS,
];

let dir = '';
let contents: Buffer[] = [];
let bearerSecrets: BearerSecret[] = [];
const plaintexts: Buffer[] = [];

function filesUnder(root: string): string[] {
  return readdirSync(root).flatMap((name) => {
    const full = path.join(root, name);
    return statSync(full).isDirectory() ? filesUnder(full) : [full];
  });
}

/** Three 32-byte windows from the middle of a file, skipping runs of one byte (padding says nothing). */
function windows(bytes: Buffer): Buffer[] {
  const out: Buffer[] = [];
  for (const at of [0.3, 0.5, 0.7]) {
    let start = Math.floor(bytes.length * at);
    while (start + 32 < bytes.length && new Set(bytes.subarray(start, start + 32)).size < 8) start += 32;
    if (start + 32 <= bytes.length) out.push(bytes.subarray(start, start + 32));
  }
  return out;
}

beforeAll(async () => {
  if (!onPglite) return;
  dir = mkdtempSync(path.join(tmpdir(), 'clearance-pglite-dir-'));
  const client = await PGlite.create(dir);
  const database = fromPglite(client);
  await database.migrate();
  useDatabase(database);
  await seedDemoWorld(database.db);
  const actors = await demoActors(database.db);
  // Sam may read all four of the §9.1 files' items but Borealis'; Oscar reads the teaser.
  for (const version of await database.db.select({ id: fileVersions.id }).from(fileVersions)) {
    for (const reader of [actors.sam, actors.oscar]) {
      const read = await readVersion(reader, version.id);
      if (!read) continue;
      const chunks: Buffer[] = [];
      for await (const chunk of read.stream) chunks.push(Buffer.from(chunk as Uint8Array));
      plaintexts.push(Buffer.concat(chunks));
      break;
    }
  }
  // Links and a code waiting in the outbox (issue 11): stored only as sealed bodies and hashes.
  bearerSecrets = await issueBearerSecrets(database.db, actors);
  await database.close();
  contents = filesUnder(dir).map((file) => readFileSync(file));
}, 300_000);
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe.runIf(onPglite)('the PGlite data directory', () => {
  it('holds the seeded files, read back whole', () => {
    expect(plaintexts).toHaveLength(4);
    expect(contents.length).toBeGreaterThan(10);
  });

  it('holds a confidential canary (the search is real) and none of the forbidden ones, as text or hex', () => {
    const found = (needle: Buffer) => contents.some((c) => c.includes(needle));
    expect(found(Buffer.from('AURORA-RATE-250K'))).toBe(true);
    const leaks = FORBIDDEN.filter(
      (canary) => found(Buffer.from(canary)) || found(Buffer.from(Buffer.from(canary).toString('hex'))),
    );
    expect(leaks).toEqual([]);
  });

  it('holds no bearer secret: no reset, invitation, export or RSVP link, no request code', () => {
    expect(bearerSecrets).toHaveLength(5);
    expect(contents.flatMap((c) => findSecrets(c.toString('latin1'), bearerSecrets))).toEqual([]);
  });

  it('holds no slice of any stored file’s plaintext', () => {
    const leaks = plaintexts.flatMap((p, i) =>
      windows(p)
        .filter((w) => contents.some((c) => c.includes(w)))
        .map(() => i),
    );
    expect(leaks).toEqual([]);
  });
});
