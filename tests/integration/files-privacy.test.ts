/**
 * Privacy operations include files (issue 13): erasing a person removes the file versions they uploaded with
 * their encrypted content, and says so in the receipt; a legal hold keeps them (the receipt says that too).
 * Retention removes an item's files and chunks with the item; a held project keeps them.
 */
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '@/db/client';
import { fileVersions, items, memberships, projects, type DeletionReceipt } from '@/db/schema';
import { seedDemoWorld } from '@/db/seed/demo-world';
import type { Actor } from '@/lib/authz/types';
import { storeFile } from '@/lib/dal/files/store-file';
import { eraseSubject } from '@/lib/dal/privacy/erase';
import { collectSubjectData } from '@/lib/dal/privacy/export-data';
import { listLegalHolds } from '@/lib/dal/privacy/list-legal-holds';
import { placeLegalHold } from '@/lib/dal/privacy/place-legal-hold';
import { releaseLegalHold } from '@/lib/dal/privacy/release-legal-hold';
import { updateRetentionRule } from '@/lib/dal/privacy/update-retention-rule';
import { runRetention } from '@/lib/dal/privacy/retention-run';
import { withActor } from '@/lib/dal/transaction';
import { DEMO_EMAILS, demoActors, meta, type DemoKey } from '../helpers/actors';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { itemIdsByCanary } from '../helpers/demo';

let database: TestDatabase;
let actors: Record<DemoKey, Actor>;
let ids: Awaited<ReturnType<typeof itemIdsByCanary>>;

const text = (canary: string) => Buffer.from(`${canary}\n`.repeat(100));

beforeAll(async () => {
  database = await createTestDatabase();
  await seedDemoWorld(database.db);
  actors = await demoActors(database.db);
  ids = await itemIdsByCanary(database.db);
});

afterAll(async () => {
  await database?.dispose();
});

/** Versions (and their chunks) by uploader, seen past row-level security. */
async function uploadsOf(userId: string) {
  const rows = rowsOf<{ versions: number; chunks: number }>(
    await database.db.execute(sql`select count(distinct v.id)::int as versions, count(c.idx)::int as chunks
      from file_versions v left join file_chunks c on c.blob_key = v.blob_key where v.uploaded_by = ${userId}`),
  );
  return { versions: Number(rows[0]!.versions), chunks: Number(rows[0]!.chunks) };
}

const erase = (who: DemoKey) =>
  withActor(actors.ada, ({ tx }) =>
    eraseSubject(tx, { userId: actors[who].id, email: DEMO_EMAILS[who], requestId: null }, new Date()),
  );
const fileLines = (receipt: DeletionReceipt) => receipt.tables.filter((t) => t.table === 'files you uploaded');

describe('erasure', () => {
  it("removes the versions a person uploaded, with their content, and says so; others' files stay", async () => {
    // Nova's own hand-over (a client's upload) and Sam's file on a deal item.
    await storeFile(actors.nova, {
      itemId: ids['AURORA-CREDENTIALS'],
      name: 'login-recovery.txt',
      data: text('ERASE-NOVA'),
    });
    const sams = await storeFile(actors.sam, {
      itemId: ids['AURORA-RATE-250K'],
      name: 'rates.txt',
      data: text('KEEP-SAM'),
    });
    expect((await uploadsOf(actors.nova.id)).versions).toBeGreaterThanOrEqual(1);

    const receipt = await erase('nova');
    const [removed] = fileLines(receipt);
    expect(removed).toMatchObject({ outcome: 'removed' });
    expect(removed!.count).toBeGreaterThanOrEqual(1);
    expect(await uploadsOf(actors.nova.id)).toEqual({ versions: 0, chunks: 0 });
    expect(await database.db.select().from(fileVersions).where(eq(fileVersions.id, sams.versionId))).toHaveLength(1);
  });

  it("the access export lists the person's uploads by name, version, item, size, type and fingerprint", async () => {
    const data = await withActor(actors.ada, ({ tx }) =>
      collectSubjectData(tx, { userId: actors.sam.id, email: DEMO_EMAILS.sam }),
    );
    expect(data.filesUploaded).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          file: 'rates.txt',
          version: 1,
          size: text('KEEP-SAM').length,
          type: 'text/plain',
          complete: true,
        }),
      ]),
    );
    expect(JSON.stringify(data.filesUploaded)).not.toContain('login-recovery'); // Nova's, not Sam's
  });

  it('a legal hold keeps them, and the receipt says so', async () => {
    const [aurora] = await database.db
      .select({ projectId: items.projectId })
      .from(items)
      .where(eq(items.id, ids['AURORA-RATE-250K']));
    await placeLegalHold(actors.ada, { projectId: aurora!.projectId, reason: 'Contract dispute' }, meta);
    const before = await uploadsOf(actors.sam.id);
    const receipt = await erase('sam');
    expect(fileLines(receipt)).toEqual(
      expect.arrayContaining([expect.objectContaining({ outcome: 'kept', count: before.versions })]),
    );
    expect(await uploadsOf(actors.sam.id)).toEqual(before);
    for (const hold of await listLegalHolds(actors.ada))
      if (!hold.releasedAt) await releaseLegalHold(actors.ada, { holdId: hold.id }, meta);
  });
});

describe('retention', () => {
  it("removes a closed project's files and their chunks with its items; a held project keeps them", async () => {
    // A closed project past the content limit, with Oscar as its lead and a file on its item.
    const [account] = rowsOf<{ id: string }>(
      await database.db.execute(sql`select client_account_id as id from projects limit 1`),
    );
    const [old] = await database.db
      .insert(projects)
      .values({ codename: 'FilesOld', clientAccountId: account!.id, status: 'active', endsOn: '2020-01-01' })
      .returning({ id: projects.id });
    await database.db
      .insert(memberships)
      .values({ userId: actors.oscar.id, projectId: old!.id, role: 'lead', grantedBy: actors.ada.id });
    const [item] = await database.db
      .insert(items)
      .values({
        projectId: old!.id,
        category: 'creative',
        title: 'Old mood board',
        body: 'fixture',
        authorId: actors.oscar.id,
      })
      .returning({ id: items.id });
    const stored = await storeFile(actors.oscar, { itemId: item!.id, name: 'board.txt', data: text('RETENTION-FILE') });
    await database.db.update(projects).set({ status: 'closed' }).where(eq(projects.id, old!.id));
    await updateRetentionRule(
      actors.ada,
      { key: 'project_content', periodValue: 30, periodUnit: 'days', enabled: true },
      meta,
    );
    const versionRows = () => database.db.select().from(fileVersions).where(eq(fileVersions.id, stored.versionId));

    await placeLegalHold(actors.ada, { projectId: old!.id, reason: 'Audit' }, meta);
    await runRetention(actors.ada, { dryRun: false }, meta);
    expect(await versionRows()).toHaveLength(1);
    for (const hold of await listLegalHolds(actors.ada))
      if (!hold.releasedAt) await releaseLegalHold(actors.ada, { holdId: hold.id }, meta);

    const [{ blobKey }] = (await versionRows()) as unknown as [{ blobKey: string }];
    await runRetention(actors.ada, { dryRun: false }, meta);
    expect(await versionRows()).toHaveLength(0);
    const chunks = rowsOf<{ n: number }>(
      await database.db.execute(sql`select count(*)::int as n from file_chunks where blob_key = ${blobKey}`),
    );
    expect(Number(chunks[0]!.n)).toBe(0);
  });
});
