/**
 * Reading files (issue 13, docs/product.md §9.1): each demo user reaches exactly the files of the items they may read;
 * every read is decided and audited in one transaction with a forensic code that traces it; view-only items give no
 * download (except to the owning client); PDFs come back with the viewer's email and code on every page.
 */
import { and, eq, gt } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, files, items } from '@/db/schema';
import { seedDemoWorld } from '@/db/seed/demo-world';
import type { Actor } from '@/lib/authz/types';
import { authorizeFileRead } from '@/lib/dal/files/authorize-file-read';
import { listAccessHistory } from '@/lib/dal/audit/list-access-history';
import { listItemFiles } from '@/lib/dal/files/list-item-files';
import { listProjectFiles } from '@/lib/dal/files/list-project-files';
import { traceForensicCode } from '@/lib/dal/files/trace-forensic-code';
import { readWhole } from '@/lib/files/serve';
import { pdfPageTexts, renderPdfPage, stampPdf } from '@/lib/files/watermark';
import { DEMO_EMAILS, DEMO_KEYS, demoActors, meta, type DemoKey } from '../helpers/actors';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { itemIdsByCanary, lastAuditId, type Canary } from '../helpers/demo';

let database: TestDatabase;
let actors: Record<DemoKey, Actor>;
let ids: Record<Canary, string>;
const fileOf: Record<string, string> = {};

const FILES = {
  contract: { item: 'AURORA-RATE-250K', canary: 'AURORA-CONTRACT-FILE', readers: ['sam', 'finn', 'nova'] },
  deck: { item: 'AURORA-SCRIPT-V2', canary: 'AURORA-DECK-FILE', readers: ['sam', 'cora', 'nova', 'brian'] },
  passport: { item: 'AURORA-PASSPORT', canary: 'AURORA-PASSPORT-FILE', readers: ['sam', 'nova'] },
  teaser: { item: 'BOREALIS-UNRELEASED', canary: 'BOREALIS-TEASER-FILE', readers: ['oscar', 'kai'] },
} as const;

beforeAll(async () => {
  database = await createTestDatabase();
  await seedDemoWorld(database.db);
  actors = await demoActors(database.db);
  ids = await itemIdsByCanary(database.db);
  const rows = await database.db.select({ id: files.id, itemId: files.itemId }).from(files);
  for (const [key, f] of Object.entries(FILES)) fileOf[key] = rows.find((r) => r.itemId === ids[f.item as Canary])!.id;
});

afterAll(async () => {
  await database?.dispose();
});

describe('who reaches which file', () => {
  it('exactly the readers of its item (the table of docs/product.md §9.1); everyone else gets null, audited as denied', async () => {
    for (const [key, f] of Object.entries(FILES)) {
      for (const user of DEMO_KEYS) {
        const mode = key === 'teaser' ? 'media' : key === 'passport' ? 'view' : 'page';
        const grant = await authorizeFileRead(actors[user], fileOf[key]!, { mode }, meta);
        expect({ key, user, allowed: grant !== null }).toEqual({
          key,
          user,
          allowed: (f.readers as readonly string[]).includes(user),
        });
        const listed = await listItemFiles(actors[user], ids[f.item as Canary]);
        expect(listed === null ? 0 : listed.files.length).toBe((f.readers as readonly string[]).includes(user) ? 1 : 0);
      }
    }
  });

  it('an unknown file id and a malformed one answer null', async () => {
    expect(
      await authorizeFileRead(actors.sam, '00000000-0000-4000-8000-000000000000', { mode: 'view' }, meta),
    ).toBeNull();
    expect(await authorizeFileRead(actors.sam, 'nope', { mode: 'view' }, meta)).toBeNull();
  });
});

describe('view-only and downloads', () => {
  it('the passport (view-only hand-over): sam views, may not download; Nova, the owner, may', async () => {
    expect(await authorizeFileRead(actors.sam, fileOf.passport!, { mode: 'download' }, meta)).toBeNull();
    expect(await authorizeFileRead(actors.nova, fileOf.passport!, { mode: 'download' }, meta)).not.toBeNull();
    expect(await authorizeFileRead(actors.oscar, fileOf.teaser!, { mode: 'download' }, meta)).toBeNull();
    const listed = await listItemFiles(actors.sam, ids['AURORA-PASSPORT']);
    expect(listed).toMatchObject({ viewOnly: true, mayDownload: false });
  });

  it('the contract (downloadable): finn downloads; a view of the PDF carries his email and the code on every page', async () => {
    const before = await lastAuditId(database.db);
    const grant = await authorizeFileRead(actors.finn, fileOf.contract!, { mode: 'view' }, meta);
    expect(grant).not.toBeNull();
    const bytes = await readWhole(actors.finn, grant!);
    expect(pdfPageTexts(bytes!).join('\n')).toContain('AURORA-CONTRACT-FILE');
    const stamped = await stampPdf(bytes!, {
      viewerName: 'Finn Finance',
      viewerEmail: DEMO_EMAILS.finn,
      at: grant!.at,
      itemRef: grant!.itemRef,
      code: grant!.code,
    });
    const texts = pdfPageTexts(stamped);
    expect(texts).toHaveLength(3);
    for (const text of texts) {
      expect(text).toContain(DEMO_EMAILS.finn);
      expect(text).toContain(grant!.code);
    }
    const events = await database.db
      .select()
      .from(auditEvents)
      .where(and(gt(auditEvents.id, before), eq(auditEvents.action, 'file.view')));
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      actorId: actors.finn.id,
      targetId: fileOf.contract,
      outcome: 'allowed',
      details: { code: grant!.code, version: 1 },
    });
  });

  it('a view-only PDF page renders as a PNG', async () => {
    const grant = await authorizeFileRead(actors.sam, fileOf.deck!, { mode: 'page', page: 2 }, meta);
    const png = await renderPdfPage((await readWhole(actors.sam, grant!))!, 1, {
      viewerName: 'Sam',
      viewerEmail: DEMO_EMAILS.sam,
      at: grant!.at,
      itemRef: grant!.itemRef,
      code: grant!.code,
    });
    expect(png!.subarray(1, 4).toString()).toBe('PNG');
  });
});

describe('who can see it (the owning client)', () => {
  it('Nova sees her project’s files with their items and whether they download; no one else gets the list', async () => {
    const [{ projectId }] = (await database.db
      .select({ projectId: items.projectId })
      .from(items)
      .where(eq(items.id, ids['AURORA-PASSPORT']))) as [{ projectId: string }];
    const list = await listProjectFiles(actors.nova, projectId);
    expect(list?.map((f) => [f.name, f.downloadable]).sort()).toEqual([
      ['aurora-contract.pdf', true],
      ['aurora-deck.pdf', true],
      ['passport-scan.png', false],
    ]);
    expect(await listProjectFiles(actors.sam, projectId)).toBeNull();
    expect(await listProjectFiles(actors.brian, projectId)).toBeNull();
  });
});

describe('tracing', () => {
  it('a code leads to the view: who, when, which file and version, from where; the look-up is audited on the project', async () => {
    const grant = await authorizeFileRead(actors.cora, fileOf.deck!, { mode: 'page', page: 1 }, meta);
    const before = await lastAuditId(database.db);
    const found = await traceForensicCode(actors.ada, { code: grant!.code.toLowerCase() }, meta);
    expect(found).toMatchObject({
      code: grant!.code,
      matches: [
        {
          person: expect.stringContaining('Cora Editor'),
          email: DEMO_EMAILS.cora,
          fileId: fileOf.deck,
          version: 1,
          ip: meta.ip,
          page: 1,
        },
      ],
    });
    const events = await database.db.select().from(auditEvents).where(gt(auditEvents.id, before));
    expect(events).toMatchObject([
      { action: 'file.trace', actorId: actors.ada.id, outcome: 'allowed', targetId: fileOf.deck },
    ]);
    expect(events[0]!.projectId).not.toBeNull();
    // Only administrators trace.
    expect(await traceForensicCode(actors.sam, { code: grant!.code }, meta)).toBeNull();
    // Nova, whose file it is, sees the view and the look-up in her history, with the version.
    const history = await listAccessHistory(actors.nova, {});
    const about = history.entries.filter((e) => e.subject.includes('file version 1'));
    expect(about.map((e) => e.action)).toEqual(
      expect.arrayContaining(['Viewed a file of', 'Traced a leaked copy of a file of']),
    );
    expect(about.find((e) => e.action === 'Viewed a file of')!.person).toContain('Cora Editor');
  });

  it('a leaked PDF is traced by the code in its text', async () => {
    const grant = await authorizeFileRead(actors.sam, fileOf.contract!, { mode: 'download' }, meta);
    const leaked = await stampPdf((await readWhole(actors.sam, grant!))!, {
      viewerName: 'Sam Lead',
      viewerEmail: DEMO_EMAILS.sam,
      at: grant!.at,
      itemRef: grant!.itemRef,
      code: grant!.code,
    });
    const found = await traceForensicCode(actors.ada, { leaked }, meta);
    expect(found).toMatchObject({
      via: 'pdf-text',
      codes: [grant!.code],
      matches: [{ action: 'downloaded', email: DEMO_EMAILS.sam }],
    });
  });
});
