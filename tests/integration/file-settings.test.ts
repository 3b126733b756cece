/**
 * Issue 13: the lead's per-item choice, view-only or downloadable, through the data-access layer. The database
 * starts high-risk items and client hand-overs view-only; only the lead changes it; the change and its audit event
 * commit together and the owning client reads it in "Who did"; someone who may not read the item gets not found.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, items } from '@/db/schema';
import { seedDemoWorld } from '@/db/seed/demo-world';
import type { Actor } from '@/lib/authz/types';
import { listAccessHistory } from '@/lib/dal/audit/list-access-history';
import { itemFileAccess } from '@/lib/dal/files/item-file-access';
import { setFilesDownloadable } from '@/lib/dal/files/set-files-downloadable';
import { demoActors, meta, type DemoKey } from '../helpers/actors';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { itemIdsByCanary, type Canary } from '../helpers/demo';
import { expectAppError } from '../helpers/expect';

let database: TestDatabase;
let actors: Record<DemoKey, Actor>;
let ids: Record<Canary, string>;

const downloadable = async (id: string) =>
  (await database.db.select({ v: items.filesDownloadable }).from(items).where(eq(items.id, id)))[0]?.v;
const events = async (id: string) =>
  database.db
    .select({ action: auditEvents.action, outcome: auditEvents.outcome, actorId: auditEvents.actorId })
    .from(auditEvents)
    .where(eq(auditEvents.targetId, id));

beforeAll(async () => {
  database = await createTestDatabase();
  await seedDemoWorld(database.db);
  actors = await demoActors(database.db);
  ids = await itemIdsByCanary(database.db);
});
afterAll(async () => database?.dispose());

describe('view-only or download, per item', () => {
  it('starts view-only for high-risk items and client hand-overs, downloadable otherwise', async () => {
    expect(await downloadable(ids['AURORA-RATE-250K'])).toBe(true);
    expect(await downloadable(ids['AURORA-HR-ITINERARY'])).toBe(false);
    expect(await downloadable(ids['AURORA-CREDENTIALS'])).toBe(false);
  });

  it('the lead makes an item view-only and back; each change is audited and the owning client reads it', async () => {
    const id = ids['AURORA-RATE-250K'];
    expect(await itemFileAccess(actors.sam, id)).toEqual({ downloadable: true, mayUpload: true, maySetAccess: true });
    expect(await setFilesDownloadable(actors.sam, { itemId: id, downloadable: false }, meta)).toEqual({
      changed: true,
    });
    expect(await downloadable(id)).toBe(false);
    expect(await setFilesDownloadable(actors.sam, { itemId: id, downloadable: false }, meta)).toEqual({
      changed: false,
    });
    expect(await setFilesDownloadable(actors.sam, { itemId: id, downloadable: true }, meta)).toEqual({ changed: true });
    expect(await downloadable(id)).toBe(true);
    const mine = (await events(id)).filter((e) => e.action.startsWith('item.files_'));
    expect(mine.map((e) => [e.action, e.outcome])).toEqual([
      ['item.files_view_only', 'allowed'],
      ['item.files_view_only', 'allowed'],
      ['item.files_downloadable', 'allowed'],
    ]);
    const history = await listAccessHistory(actors.nova, {});
    const actions = history.entries.map((e) => e.action);
    expect(actions).toContain('Made view-only the files of');
    expect(actions).toContain('Allowed downloading the files of');
  });

  it('a reader who is not the lead is refused and nothing changes; an outsider gets not found', async () => {
    const id = ids['AURORA-RATE-250K'];
    expect(await itemFileAccess(actors.finn, id)).toMatchObject({ maySetAccess: false });
    await expectAppError(setFilesDownloadable(actors.finn, { itemId: id, downloadable: false }, meta), 'invalid');
    await expectAppError(setFilesDownloadable(actors.nova, { itemId: id, downloadable: false }, meta), 'invalid');
    await expectAppError(setFilesDownloadable(actors.nina, { itemId: id, downloadable: false }, meta), 'not_found');
    await expectAppError(setFilesDownloadable(actors.brian, { itemId: id, downloadable: false }, meta), 'not_found');
    expect(await itemFileAccess(actors.nina, id)).toBeNull();
    expect(await downloadable(id)).toBe(true);
    const denied = (await events(id)).filter((e) => e.action.startsWith('item.files_') && e.outcome === 'denied');
    expect(denied).toHaveLength(4);
  });

  it('the owning client uploads to her own hand-over, not to the agency’s items', async () => {
    expect(await itemFileAccess(actors.nova, ids['AURORA-PASSPORT'])).toEqual({
      downloadable: false,
      mayUpload: true,
      maySetAccess: false,
    });
    expect(await itemFileAccess(actors.nova, ids['AURORA-HR-ITINERARY'])).toMatchObject({ mayUpload: false });
    expect(await itemFileAccess(actors.nova, ids['AURORA-RATE-250K'])).toMatchObject({ mayUpload: false });
  });
});
