/**
 * Issue 13: resumable uploads through the tus endpoint (lib/files/uploads, as app/api/files/tus calls it after
 * the session check), on the database blob store: a cut connection resumes at the offset the server reports; a
 * new version of a file; refusals (an .exe renamed .pdf, a file over the limit, someone who may not upload)
 * with clear messages, nothing left behind, and "not found" byte-identical for no access and no upload.
 */
import { createHash, randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, files, fileVersions } from '@/db/schema';
import { seedDemoWorld } from '@/db/seed/demo-world';
import type { Actor } from '@/lib/authz/types';
import { readVersion } from '@/lib/dal/files/read-version';
import { handleTusRequest, TUS_PATH } from '@/lib/files/uploads/tus-handler';
import { demoActors, meta, type DemoKey } from '../helpers/actors';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { itemIdsByCanary, type Canary } from '../helpers/demo';

let database: TestDatabase;
let actors: Record<DemoKey, Actor>;
let ids: Record<Canary, string>;

const BASE = 'http://localhost:3000';
const b64 = (value: string) => Buffer.from(value).toString('base64');
const metadata = (fields: Record<string, string>) =>
  Object.entries(fields)
    .map(([k, v]) => `${k} ${b64(v)}`)
    .join(',');

/** A PDF (by its magic bytes) of `size` bytes: a header, then random bytes. */
const pdfOf = (size: number) =>
  Buffer.concat([Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n'), randomBytes(size)]).subarray(0, size);

async function tus(
  actor: Actor | null,
  method: string,
  path: string,
  init: { headers?: Record<string, string>; body?: BodyInit | null } = {},
) {
  const request = new Request(`${BASE}${path}`, {
    method,
    headers: { 'Tus-Resumable': '1.0.0', ...init.headers },
    body: init.body ?? null,
    ...(init.body ? { duplex: 'half' } : {}),
  } as RequestInit);
  return handleTusRequest(request, actor, meta);
}

async function create(actor: Actor, size: number, fields: Record<string, string>) {
  return tus(actor, 'POST', TUS_PATH, {
    headers: { 'Upload-Length': String(size), 'Upload-Metadata': metadata(fields) },
  });
}

const patch = (actor: Actor, location: string, offset: number, body: BodyInit) =>
  tus(actor, 'PATCH', location, {
    headers: { 'Upload-Offset': String(offset), 'Content-Type': 'application/offset+octet-stream' },
    body,
  });

/**
 * A body that sends `bytes` in 64 KiB pieces, each only when the server asks for more, and then breaks, as a
 * dropped connection does. Bytes still in flight at the break are lost (the server reports where it stands).
 */
function cutAfter(bytes: Buffer): ReadableStream<Uint8Array> {
  let at = 0;
  return new ReadableStream(
    {
      pull(controller) {
        if (at >= bytes.length) return controller.error(new Error('connection reset'));
        controller.enqueue(new Uint8Array(bytes.subarray(at, at + 65_536)));
        at += 65_536;
      },
    },
    { highWaterMark: 0 },
  );
}

const versionIdOf = (location: string) => location.split('/').pop()!;
const filesOnItem = async (itemId: string) =>
  database.db.select({ id: files.id }).from(files).where(eq(files.itemId, itemId));

beforeAll(async () => {
  database = await createTestDatabase();
  await seedDemoWorld(database.db);
  actors = await demoActors(database.db);
  ids = await itemIdsByCanary(database.db);
});
afterAll(async () => database?.dispose());
afterEach(() => {
  delete process.env.CLEARANCE_MAX_FILE_BYTES;
});

describe('tus uploads', () => {
  it('a cut upload resumes at the offset the server reports, and the stored file is exactly what was sent', async () => {
    const content = pdfOf(2 * 1024 * 1024 + 12_345); // past two 1 MiB chunks
    const created = await create(actors.sam, content.length, {
      itemId: ids['AURORA-RATE-250K'],
      filename: 'signed-contract.pdf',
    });
    expect(created.status).toBe(201);
    const location = created.headers.get('Location')!;
    expect(location).toMatch(new RegExp(`^${TUS_PATH}/[0-9a-f-]{36}$`));

    // 1.3 MiB arrive, then the connection drops.
    const firstPart = content.subarray(0, 1_300_000);
    const cut = await patch(actors.sam, location, 0, cutAfter(firstPart));
    expect(cut.status).toBeGreaterThanOrEqual(400);
    // What reached the store before the break is kept: the upload resumes there, not at 0. On PostgreSQL the
    // server may still be committing the last chunks when the client sees the break, as a real client would
    // after a drop: it asks again until the offset settles.
    let head = await tus(actors.sam, 'HEAD', location);
    for (let i = 0; i < 50 && Number(head.headers.get('Upload-Offset')) <= 1024 * 1024; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      head = await tus(actors.sam, 'HEAD', location);
    }
    expect(head.status).toBe(200);
    const offset = Number(head.headers.get('Upload-Offset'));
    expect(offset).toBeGreaterThan(1024 * 1024);
    expect(offset).toBeLessThanOrEqual(firstPart.length);
    expect(head.headers.get('Upload-Length')).toBe(String(content.length));
    expect(head.headers.get('Cache-Control')).toBe('no-store');

    // A stale offset is refused without touching the upload; the right one finishes it.
    expect((await patch(actors.sam, location, 0, new Uint8Array(content.subarray(0, 10)))).status).toBe(409);
    const rest = await patch(actors.sam, location, offset, new Uint8Array(content.subarray(offset)));
    expect(rest.status).toBe(204);
    expect(rest.headers.get('Upload-Offset')).toBe(String(content.length));
    const fileId = rest.headers.get('Clearance-File-Id')!;
    expect(rest.headers.get('Clearance-File-Version')).toBe('1');

    const read = await readVersion(actors.sam, versionIdOf(location));
    expect(read).toMatchObject({ fileId, version: 1, size: content.length, contentType: 'application/pdf' });
    const chunks: Buffer[] = [];
    for await (const chunk of read!.stream) chunks.push(Buffer.from(chunk as Uint8Array));
    expect(createHash('sha256').update(Buffer.concat(chunks)).digest('hex')).toBe(
      createHash('sha256').update(content).digest('hex'),
    );

    const audit = await database.db
      .select({ action: auditEvents.action, outcome: auditEvents.outcome })
      .from(auditEvents)
      .where(eq(auditEvents.actorId, actors.sam.id));
    const actions = audit.map((a) => `${a.action}:${a.outcome}`);
    for (const expected of [
      'file.upload_start:allowed',
      'file.upload_write:allowed',
      'file.upload_status:allowed',
      'file.upload:allowed',
    ])
      expect(actions).toContain(expected);
  });

  it('a new version of a file; the owning client uploads to her own hand-over', async () => {
    const first = pdfOf(5000);
    const created = await create(actors.sam, first.length, { itemId: ids['AURORA-RATE-250K'], filename: 'terms.pdf' });
    const done = await patch(actors.sam, created.headers.get('Location')!, 0, new Uint8Array(first));
    const fileId = done.headers.get('Clearance-File-Id')!;
    const second = pdfOf(7000);
    const again = await create(actors.sam, second.length, { fileId, filename: 'terms-v2.pdf' });
    expect(again.status).toBe(201);
    const finished = await patch(actors.sam, again.headers.get('Location')!, 0, new Uint8Array(second));
    expect(finished.headers.get('Clearance-File-Id')).toBe(fileId);
    expect(finished.headers.get('Clearance-File-Version')).toBe('2');
    const versions = await database.db
      .select({ version: fileVersions.version, size: fileVersions.size, state: fileVersions.state })
      .from(fileVersions)
      .where(eq(fileVersions.fileId, fileId));
    expect(versions.sort((a, b) => a.version - b.version)).toEqual([
      { version: 1, size: 5000, state: 'ready' },
      { version: 2, size: 7000, state: 'ready' },
    ]);

    const scan = Buffer.from('a plain-text scan note, as a hand-over\n');
    const nova = await create(actors.nova, scan.length, { itemId: ids['AURORA-PASSPORT'], filename: 'note.txt' });
    expect(nova.status).toBe(201);
    expect((await patch(actors.nova, nova.headers.get('Location')!, 0, new Uint8Array(scan))).status).toBe(204);
  });

  it('an .exe renamed .pdf is refused by its content, with a clear message, and nothing is left', async () => {
    const item = ids['AURORA-DELIVERABLES'];
    const before = (await filesOnItem(item)).length;
    const exe = Buffer.concat([
      Buffer.from('MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff', 'latin1'),
      Buffer.alloc(4000, 0x41),
    ]);
    const created = await create(actors.sam, exe.length, { itemId: item, filename: 'contract.pdf' });
    expect(created.status).toBe(201);
    const location = created.headers.get('Location')!;
    const refused = await patch(actors.sam, location, 0, new Uint8Array(exe));
    expect(refused.status).toBe(415);
    expect(await refused.text()).toMatch(/cannot be stored\. Allowed: PDF/);
    expect((await filesOnItem(item)).length).toBe(before);
    expect((await tus(actors.sam, 'HEAD', location)).status).toBe(404);
    const audit = await database.db
      .select({ reason: auditEvents.reason })
      .from(auditEvents)
      .where(eq(auditEvents.action, 'file.upload_refused'));
    expect(audit.map((a) => a.reason)).toContain('type_not_allowed');
  });

  it('a file over the limit is refused before any byte is taken, naming the limit', async () => {
    process.env.CLEARANCE_MAX_FILE_BYTES = String(1024 * 1024);
    const item = ids['AURORA-DELIVERABLES'];
    const before = (await filesOnItem(item)).length;
    const created = await create(actors.sam, 1024 * 1024 + 1, { itemId: item, filename: 'big.pdf' });
    expect(created.status).toBe(413);
    expect(await created.text()).toBe('This file is larger than the size limit. The limit is 1 MiB.\n');
    expect((await filesOnItem(item)).length).toBe(before);
  });

  it('no access, someone else’s upload, no session and an unknown upload all answer the same 404', async () => {
    const item = ids['AURORA-RATE-250K'];
    const bodies = new Set<string>();
    const answers: Response[] = [
      await create(actors.nina, 10, { itemId: item, filename: 'x.pdf' }), // an outsider
      await create(actors.brian, 10, { itemId: item, filename: 'x.pdf' }), // the counterparty: no read
      await create(actors.nova, 10, { itemId: item, filename: 'x.pdf' }), // the client: not her hand-over
      await create(actors.sam, 10, { itemId: '00000000-0000-4000-8000-000000000000', filename: 'x.pdf' }),
    ];
    const mine = await create(actors.sam, 10, { itemId: item, filename: 'x.pdf' });
    const location = mine.headers.get('Location')!;
    answers.push(await tus(actors.finn, 'HEAD', location)); // a reader of the item, but not the uploader
    answers.push(await patch(actors.nina, location, 0, new Uint8Array(10)));
    answers.push(await tus(null, 'HEAD', location));
    answers.push(await tus(actors.sam, 'HEAD', `${TUS_PATH}/00000000-0000-4000-8000-000000000000`));
    for (const answer of answers) {
      expect(answer.status).toBe(404);
      bodies.add(`${await answer.text()}|${[...answer.headers.entries()].sort().join(';')}`);
    }
    expect(bodies.size).toBe(1);
    const denied = await database.db
      .select({ action: auditEvents.action })
      .from(auditEvents)
      .where(eq(auditEvents.outcome, 'denied'));
    expect(denied.filter((d) => d.action.startsWith('file.upload')).length).toBeGreaterThanOrEqual(5);
  });

  it('cancel removes an unfinished upload and its bytes', async () => {
    const content = pdfOf(3000);
    const created = await create(actors.sam, content.length, {
      itemId: ids['AURORA-RATE-250K'],
      filename: 'cancel-me.pdf',
    });
    const location = created.headers.get('Location')!;
    await patch(actors.sam, location, 0, cutAfter(content.subarray(0, 1000)));
    expect((await tus(actors.sam, 'DELETE', location)).status).toBe(204);
    expect((await tus(actors.sam, 'HEAD', location)).status).toBe(404);
    const rows = await database.db
      .select({ id: fileVersions.id })
      .from(fileVersions)
      .where(eq(fileVersions.id, versionIdOf(location)));
    expect(rows).toEqual([]);
  });
});
