/**
 * Completing requests: deletion (receipt per table, suppression entry, audit chain untouched), correction
 * (before/after in the audit log), restriction. The access export: tests/integration/privacy-export.test.ts.
 */
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  auditEvents,
  clientAccountMembers,
  consentRecords,
  ndaSignatures,
  notifications,
  privacyFlags,
  sessions,
  userPasswords,
  users,
} from '@/db/schema';
import { seedDemoWorld } from '@/db/seed/demo-world';
import type { Actor } from '@/lib/authz/types';
import { verifyAuditChain } from '@/lib/dal/audit/verify-audit-chain';
import { inviteUser } from '@/lib/dal/people/invite-user';
import { listNotifications } from '@/lib/dal/notifications/list-notifications';
import { mentionToken } from '@/lib/notifications/mentions';
import { listPortfolio } from '@/lib/dal/projects/list-portfolio';
import { completePrivacyRequest } from '@/lib/dal/privacy/complete';
import { submitAccountRequest } from '@/lib/dal/privacy/submit-account-request';
import { submitPublicRequest } from '@/lib/dal/privacy/submit-public-request';
import { verifyRequestCode } from '@/lib/dal/privacy/verify-request-code';
import { actorFor, demoActors, meta, type DemoKey } from '../helpers/actors';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { expectAppError } from '../helpers/expect';
import { auditFor, codeSentTo, lastEmailTo, publicRequest, requestRow, signInAs } from '../helpers/privacy';

let database: TestDatabase;
let actors: Record<DemoKey, Actor>;

beforeAll(async () => {
  database = await createTestDatabase();
  await seedDemoWorld(database.db);
  actors = await demoActors(database.db);
});

afterAll(async () => {
  await database?.dispose();
});

const PASSWORD = 'demo-pass-2026';

describe('correction and restriction', () => {
  it('correction updates the record and logs before and after', async () => {
    const { requestId } = await submitAccountRequest(
      actors.cora,
      { kind: 'correction', residence: 'uk', details: 'My name is Cora Editor-Smith', password: PASSWORD },
      meta,
    );
    await expectAppError(completePrivacyRequest(actors.ada, { requestId }, meta), 'invalid');
    await completePrivacyRequest(actors.ada, { requestId, field: 'name', value: 'Cora Editor-Smith' }, meta);
    const [row] = await database.db.select({ name: users.name }).from(users).where(eq(users.id, actors.cora.id));
    expect(row?.name).toBe('Cora Editor-Smith');
    const [event] = await database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'privacy.correction_applied'), eq(auditEvents.targetId, actors.cora.id)));
    expect(event?.details).toEqual({ field: 'name', before: 'Cora Editor', after: 'Cora Editor-Smith' });
  });

  it('restriction marks the person', async () => {
    const { requestId } = await submitAccountRequest(
      actors.brian,
      { kind: 'restriction', residence: 'eea', password: PASSWORD },
      meta,
    );
    await completePrivacyRequest(actors.ada, { requestId }, meta);
    const flags = await database.db.select().from(privacyFlags).where(eq(privacyFlags.userId, actors.brian.id));
    expect(flags.map((f) => f.flag)).toEqual(['restricted']);
  });

  it('an objection from the owning client takes their project off the public portfolio', async () => {
    expect((await listPortfolio()).map((p) => p.title)).toEqual(['Nova Reyes × Lumen']);
    const { requestId } = await submitAccountRequest(
      actors.nova,
      { kind: 'objection', residence: 'eea', password: PASSWORD },
      meta,
    );
    await completePrivacyRequest(actors.ada, { requestId }, meta);
    expect(await listPortfolio()).toEqual([]);
  });

  it('withdrawing consent is a new record for each purpose', async () => {
    const { requestId } = await submitAccountRequest(
      actors.finn,
      { kind: 'withdraw_consent', residence: 'eea', password: PASSWORD },
      meta,
    );
    await completePrivacyRequest(actors.ada, { requestId }, meta);
    const rows = await database.db.select().from(consentRecords).where(eq(consentRecords.userId, actors.finn.id));
    expect(rows.map((r) => [r.purpose, r.decision, r.method]).sort()).toEqual([
      ['analytics', 'denied', 'request'],
      ['functional', 'denied', 'request'],
      ['marketing', 'denied', 'request'],
      ['marketing_email', 'denied', 'request'],
    ]);
  });
});

describe('deletion', () => {
  it('de-identifies the person, keeps legal evidence, writes a receipt, and leaves the audit chain intact', async () => {
    const kai = await actorFor(database.db, 'kai@talent.test');
    await signInAs(kai.id, meta);
    const before = await database.db.select({ n: sql<number>`count(*)::int` }).from(auditEvents);
    const { requestId } = await submitPublicRequest(
      publicRequest({ kind: 'deletion', email: 'KAI@talent.test', name: 'Kai' }),
      meta,
    );
    await verifyRequestCode(
      { requestId, code: await codeSentTo(database.db, 'kai@talent.test'), purpose: 'requester' },
      meta,
    );
    // A message to someone else that names Kai, by reference (as notify() writes them).
    const [note] = await database.db
      .insert(notifications)
      .values({
        userId: actors.oscar.id,
        kind: 'test',
        title: `${mentionToken(kai.id)} approved it`,
        body: `${mentionToken(kai.id)} approved your access.`,
        people: [kai.id],
      })
      .returning();
    // Kai is a client person: messages name him only as "the client" (a client's identity is shown per project).
    expect((await listNotifications(actors.oscar)).find((n) => n.id === note!.id)?.title).toBe(
      'the client approved it',
    );
    await expectAppError(completePrivacyRequest(actors.sam, { requestId }, meta), 'not_found');
    const { receipt } = await completePrivacyRequest(actors.ada, { requestId }, meta);
    // Its stored text was not rewritten (erasure by reference, not substring; see privacy-erase-by-reference.test.ts).
    expect((await listNotifications(actors.oscar)).find((n) => n.id === note!.id)).toMatchObject({
      title: 'the client approved it',
      body: 'the client approved your access.',
    });
    const [noteAfter] = await database.db.select().from(notifications).where(eq(notifications.id, note!.id));
    expect(noteAfter).toMatchObject({ title: note!.title, body: note!.body });

    const [person] = await database.db.select().from(users).where(eq(users.id, kai.id));
    expect(person).toMatchObject({ name: 'Deleted person', email: `erased-${kai.id}@erased.invalid` });
    expect(
      await database.db.select().from(userPasswords).where(eq(userPasswords.userId, kai.id)),
      'password removed',
    ).toEqual([]);
    expect(person?.disabledAt).not.toBeNull();
    expect(
      await database.db.select().from(clientAccountMembers).where(eq(clientAccountMembers.userId, kai.id)),
    ).toHaveLength(0);
    expect(
      (await database.db.select().from(sessions).where(eq(sessions.userId, kai.id))).every(
        (s) => s.revokedAt && s.ip === null,
      ),
    ).toBe(true);

    const lines = Object.fromEntries(receipt!.tables.map((t) => [t.table, t]));
    expect(lines['users']).toMatchObject({ outcome: 'de-identified', count: 1 });
    expect(lines["other people's notifications naming you"]).toMatchObject({ outcome: 'de-identified', count: 1 });
    expect(lines['written authorizations']).toMatchObject({ outcome: 'kept' });
    expect(lines['written authorizations']!.count).toBeGreaterThan(0);
    expect(lines['NDA signatures']).toMatchObject({ outcome: 'kept' });
    expect(lines['audit events']!.outcome).toBe('kept');
    expect(lines['audit events']!.why).toContain(kai.id);
    expect(lines['suppression list']).toMatchObject({ outcome: 'kept', count: 1 });
    expect(receipt!.subjectRef).toBe(kai.id);

    const row = await requestRow(database.db, requestId);
    expect(row).toMatchObject({ status: 'completed', subjectName: 'Deleted person' });
    expect(row.subjectEmail).not.toContain('kai@');
    expect(row.receipt?.tables.length).toBe(receipt!.tables.length);
    // The confirmation with the receipt still goes out; older emails to the address are gone.
    const mail = await lastEmailTo(database.db, 'kai@talent.test');
    expect(mail?.subject).toMatch(/is complete/);
    expect(mail?.text).toContain('audit events: kept');

    // Audit rows were only ever added, and the chain still verifies.
    const after = await database.db.select({ n: sql<number>`count(*)::int` }).from(auditEvents);
    expect(after[0]!.n).toBeGreaterThan(before[0]!.n);
    expect((await verifyAuditChain(database.db)).ok).toBe(true);
    const [completed] = await auditFor(database.db, requestId, 'privacy.request_completed');
    expect(JSON.stringify(completed?.details)).not.toContain('kai@');
    expect(await database.db.select().from(ndaSignatures).where(eq(ndaSignatures.userId, kai.id))).toHaveLength(0); // Kai signed none
  });

  it('a later invitation of the erased email is flagged', async () => {
    const flagged = await inviteUser(actors.ada, { email: 'kai@talent.test', name: 'Kai Again', role: 'staff' }, meta);
    expect(flagged.suppressed).toBe(true);
    const fresh = await inviteUser(
      actors.ada,
      { email: 'someone.new@mmgroup.test', name: 'Someone New', role: 'staff' },
      meta,
    );
    expect(fresh.suppressed).toBe(false);
  });

  it('an administrator cannot erase their own account', async () => {
    const { requestId } = await submitAccountRequest(
      actors.ada,
      { kind: 'deletion', residence: 'eea', password: PASSWORD },
      meta,
    );
    await expectAppError(completePrivacyRequest(actors.ada, { requestId }, meta), 'invalid', /your own account/);
  });
});
