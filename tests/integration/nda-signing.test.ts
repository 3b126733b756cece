/**
 * NDAs signed by the signer in the portal, and separation of duties (issue 12, findings 1 and 2; docs/product.md §14):
 * an admin sends, the person reads the exact text and signs with their own name, IP and browser (or refuses);
 * both download the record; a material new version asks the people it binds to sign again before their next
 * read; nobody sends an NDA to themselves or grants themselves access, in the DAL and in the database; the
 * owning client is told of every new grant.
 */
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Tx } from '@/db/client';
import { memberships, ndaRequests, ndaSignatures, ndaVersions, notifications } from '@/db/schema';
import { seedDemoWorld } from '@/db/seed/demo-world';
import type { Actor } from '@/lib/authz/types';
import { grantMembership } from '@/lib/dal/memberships/grant-membership';
import { createNdaVersion } from '@/lib/dal/ndas/create-nda-version';
import { readItem } from '@/lib/dal/items/read-item';
import { listMyNdas } from '@/lib/dal/ndas/list-my-ndas';
import { getNdaRecordDocument } from '@/lib/dal/ndas/read-nda-record';
import { sendNda } from '@/lib/dal/ndas/send-nda';
import { refuseNda } from '@/lib/dal/ndas/refuse-nda';
import { signNda } from '@/lib/dal/ndas/sign-nda';
import { demoActors, meta, type DemoKey } from '../helpers/actors';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { auditSince, itemIdsByCanary, lastAuditId, type Canary } from '../helpers/demo';
import { expectAppError } from '../helpers/expect';

let database: TestDatabase;
let actors: Record<DemoKey, Actor>;
let ids: Record<Canary, string>;
let borealis: string;
let staffNda: { id: string; bodySha256: string };

const ninaMeta = { ip: '198.51.100.23', userAgent: 'Nina’s browser/1.0' };

beforeAll(async () => {
  database = await createTestDatabase();
  ({ borealis } = (await seedDemoWorld(database.db)).projects);
  actors = await demoActors(database.db);
  ids = await itemIdsByCanary(database.db);
  staffNda = (
    await database.db
      .select({ id: ndaVersions.id, bodySha256: ndaVersions.bodySha256 })
      .from(ndaVersions)
      .where(eq(ndaVersions.title, 'Staff confidentiality agreement'))
  )[0]!;
});

afterAll(async () => {
  await database?.dispose();
});

const reads = async (key: DemoKey, canary: Canary) => (await readItem(actors[key], ids[canary], meta)) !== null;
const notificationsOf = (key: DemoKey, kind: string) =>
  database.db
    .select({ title: notifications.title, body: notifications.body })
    .from(notifications)
    .where(and(eq(notifications.userId, actors[key].id), eq(notifications.kind, kind)));

/** Runs raw SQL as the application role with `userId` acting, then rolls back. */
async function asApp(userId: string, work: (tx: Tx) => Promise<unknown>): Promise<void> {
  await database.db
    .transaction(async (tx) => {
      await tx.execute(
        sql`select set_config('app.user_id', ${userId}, true), set_config('role', 'clearance_app', true)`,
      );
      await work(tx);
      throw new Error('rollback');
    })
    .catch((e: Error) => {
      if (e.message !== 'rollback') throw e;
    });
}

describe('an NDA sent by an admin and signed by the signer', () => {
  let requestId: string;

  it('the person is told, reads the exact text and signs it with their own name, IP and browser', async () => {
    ({ id: requestId } = await sendNda(actors.ada, { userId: actors.nina.id, ndaVersionId: staffNda.id }, meta));
    expect(await notificationsOf('nina', 'nda.sent')).toHaveLength(1);
    const { waiting } = await listMyNdas(actors.nina);
    expect(waiting).toMatchObject([
      { id: requestId, title: 'Staff confidentiality agreement', bodySha256: staffNda.bodySha256 },
    ]);
    expect(waiting[0]!.body).toContain('MM Group staff confidentiality agreement');

    // Someone else cannot answer it; a wrong name or a changed text is refused; nothing is signed meanwhile.
    await expectAppError(
      signNda(actors.finn, { requestId, fullName: 'Finn Finance', textSha256: staffNda.bodySha256 }, meta),
      'not_found',
    );
    await expectAppError(
      signNda(actors.nina, { requestId, fullName: 'Somebody Else', textSha256: staffNda.bodySha256 }, ninaMeta),
      'invalid',
      'Type your full name exactly as it appears on your account.',
    );
    await expectAppError(
      signNda(actors.nina, { requestId, fullName: 'Nina Nonda', textSha256: '0'.repeat(64) }, ninaMeta),
      'invalid',
      /text changed/,
    );
    expect(await database.db.select().from(ndaSignatures).where(eq(ndaSignatures.userId, actors.nina.id))).toEqual([]);

    const { id } = await signNda(
      actors.nina,
      { requestId, fullName: ' nina  nonda ', textSha256: staffNda.bodySha256 },
      ninaMeta,
    );
    const [signature] = await database.db.select().from(ndaSignatures).where(eq(ndaSignatures.id, id));
    expect(signature).toMatchObject({
      userId: actors.nina.id,
      method: 'portal',
      requestId,
      signerName: 'Nina Nonda',
      signedTextSha256: staffNda.bodySha256,
      ip: ninaMeta.ip,
      userAgent: ninaMeta.userAgent,
      recordedBy: null,
      clientAccountId: null,
    });
    expect(
      (
        await database.db.select({ status: ndaRequests.status }).from(ndaRequests).where(eq(ndaRequests.id, requestId))
      )[0]!.status,
    ).toBe('signed');
    expect(await notificationsOf('ada', 'nda.signed')).toHaveLength(1);
    await expectAppError(
      signNda(actors.nina, { requestId, fullName: 'Nina Nonda', textSha256: staffNda.bodySha256 }, ninaMeta),
      'invalid',
      'This NDA has already been answered.',
    );
  });

  it('the signer and the admins download the signed record; anyone else gets not found, audited', async () => {
    const [signature] = await database.db
      .select({ id: ndaSignatures.id })
      .from(ndaSignatures)
      .where(eq(ndaSignatures.userId, actors.nina.id));
    for (const key of ['nina', 'ada'] as const) {
      const record = await getNdaRecordDocument(actors[key], signature!.id, meta);
      expect(record.body).toContain('Signer: Nina Nonda');
      expect(record.body).toContain('signed by the signer in the portal');
      expect(record.body).toContain(`Signer's IP address: ${ninaMeta.ip}`);
      expect(record.body).toContain(`SHA-256 of the text signed: ${staffNda.bodySha256}`);
      expect(record.body).toContain('MM Group staff confidentiality agreement');
    }
    const before = await lastAuditId(database.db);
    await expectAppError(getNdaRecordDocument(actors.sam, signature!.id, meta), 'not_found');
    expect(await auditSince(database.db, before)).toMatchObject([{ action: 'nda.record_download', outcome: 'denied' }]);
  });

  it('a person may refuse, with a reason; the sender is told and nothing is signed', async () => {
    const { id } = await sendNda(
      actors.ada,
      { userId: actors.cora.id, ndaVersionId: staffNda.id, expiresAt: new Date(Date.now() + 30 * 86_400_000) },
      meta,
    );
    await refuseNda(actors.cora, { requestId: id, reason: 'Not working on staff projects' }, meta);
    expect(
      (await database.db.select({ status: ndaRequests.status }).from(ndaRequests).where(eq(ndaRequests.id, id)))[0]!
        .status,
    ).toBe('refused');
    expect(await notificationsOf('ada', 'nda.refused')).toHaveLength(1);
    expect(
      await database.db
        .select()
        .from(ndaSignatures)
        .where(and(eq(ndaSignatures.userId, actors.cora.id), eq(ndaSignatures.requestId, id))),
    ).toEqual([]);
  });
});

describe('separation of duties', () => {
  it('nobody sends an NDA to themselves: refused as a self-grant, audited, nothing sent', async () => {
    const before = await lastAuditId(database.db);
    await expectAppError(
      sendNda(actors.ada, { userId: actors.ada.id, ndaVersionId: staffNda.id }, meta),
      'invalid',
      'You cannot send an NDA to yourself: another admin sends yours.',
    );
    expect(await auditSince(database.db, before)).toMatchObject([
      { action: 'nda.send', outcome: 'denied', reason: 'self_grant' },
    ]);
    expect(await database.db.select().from(ndaRequests).where(eq(ndaRequests.userId, actors.ada.id))).toEqual([]);
  });

  it('the database refuses a self-granted membership or allowlist entry, and a self-sent or self-recorded NDA', async () => {
    const ada = actors.ada.id;
    await expect(
      asApp(ada, (tx) =>
        tx.insert(memberships).values({ userId: ada, projectId: borealis, role: 'lead', grantedBy: ada }),
      ),
    ).rejects.toThrow();
    await expect(
      asApp(ada, (tx) =>
        tx.execute(
          sql`insert into allowlist_entries (user_id, item_id, reason, status, granted_by) values (${ada}, ${ids['BOREALIS-HR-SECURITY']}, 'x', 'active', ${ada})`,
        ),
      ),
    ).rejects.toThrow();
    // Even the owner's connection (no row-level security) cannot write these.
    await expect(
      database.db.insert(ndaRequests).values({ userId: ada, ndaVersionId: staffNda.id, sentBy: ada }),
    ).rejects.toThrow();
    await expect(
      database.db
        .insert(ndaSignatures)
        .values({ userId: ada, ndaVersionId: staffNda.id, signedAt: new Date(), method: 'paper', recordedBy: ada }),
    ).rejects.toThrow();
    await expect(
      database.db.insert(memberships).values({ userId: ada, projectId: borealis, role: 'lead', grantedBy: ada }),
    ).rejects.toThrow();
  });

  it('the owning client is told of every new grant on their project, naming who and what', async () => {
    expect(await notificationsOf('kai', 'access.granted')).toEqual([]);
    await grantMembership(
      actors.ada,
      { projectId: borealis, userId: actors.finn.id, role: 'member', scopes: ['deal_terms'] },
      meta,
    );
    const told = await notificationsOf('kai', 'access.granted');
    expect(told).toHaveLength(1);
    expect(told[0]!.title).toContain('New access to Borealis');
    expect(told[0]!.body).toContain('deal_terms');
    // A refused self-grant tells nobody anything.
    await expectAppError(
      grantMembership(actors.ada, { projectId: borealis, userId: actors.ada.id, role: 'lead', scopes: [] }, meta),
      'invalid',
    );
    expect(await notificationsOf('kai', 'access.granted')).toHaveLength(1);
  });
});

describe('a material new version of an NDA', () => {
  it('a minor new version changes nothing: signatures of the earlier version still count', async () => {
    await createNdaVersion(
      actors.ada,
      {
        title: 'Contractor NDA',
        body: 'MM Group contractor non-disclosure agreement, version 2 (typo fixed).',
        material: false,
      },
      meta,
    );
    expect(await reads('cora', 'AURORA-SCRIPT-V2')).toBe(true);
    expect((await listMyNdas(actors.cora)).waiting).toEqual([]);
  });

  it('asks everyone it binds to sign again before their next read, and the re-signed version counts', async () => {
    expect(await reads('sam', 'AURORA-RATE-250K')).toBe(true);
    const body = 'MM Group staff confidentiality agreement, version 2. New: no personal devices for client data.';
    const { sent } = await createNdaVersion(
      actors.ada,
      { title: 'Staff confidentiality agreement', body, material: true },
      meta,
    );
    expect(sent).toBe(4); // sam, finn, oscar and nina, each bound by version 1
    expect(await reads('sam', 'AURORA-RATE-250K')).toBe(false);
    expect(await reads('oscar', 'BOREALIS-RATE')).toBe(false);
    const { waiting } = await listMyNdas(actors.sam);
    expect(waiting).toMatchObject([{ title: 'Staff confidentiality agreement', version: 2, body }]);
    await signNda(
      actors.sam,
      { requestId: waiting[0]!.id, fullName: 'Sam Lead', textSha256: waiting[0]!.bodySha256 },
      meta,
    );
    expect(await reads('sam', 'AURORA-RATE-250K')).toBe(true);
    expect(await reads('oscar', 'BOREALIS-RATE')).toBe(false);
  });

  it('an earlier version can no longer be sent', async () => {
    await expectAppError(
      sendNda(actors.ada, { userId: actors.oscar.id, ndaVersionId: staffNda.id }, meta),
      'invalid',
      'Send the current version of this agreement.',
    );
  });
});
