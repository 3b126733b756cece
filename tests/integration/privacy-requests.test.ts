/**
 * Rights requests through the data-access layer: clocks stored from receipt, emailed codes (hashed, ten minutes,
 * three tries), authorized agents, signed-in requests with the password, the admin queue and extensions.
 */
import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { privacyRequestCodes, privacyRequests } from '@/db/schema';
import { seedDemoWorld } from '@/db/seed/demo-world';
import type { Actor } from '@/lib/authz/types';
import { WRONG_CREDENTIAL } from '@/lib/auth/messages';
import { TOO_MANY_PENDING } from '@/lib/privacy/messages';
import { extendPrivacyRequest } from '@/lib/dal/privacy/extend-privacy-request';
import { notifyRequester } from '@/lib/dal/privacy/open-request';
import { refusePrivacyRequest } from '@/lib/dal/privacy/refuse-privacy-request';
import { startPrivacyRequest } from '@/lib/dal/privacy/start-privacy-request';
import { withActor } from '@/lib/dal/transaction';
import { submitAccountRequest } from '@/lib/dal/privacy/submit-account-request';
import { submitPublicRequest } from '@/lib/dal/privacy/submit-public-request';
import { listPrivacyRequests } from '@/lib/dal/privacy/list-privacy-requests';
import { getRequestProgress } from '@/lib/dal/privacy/get-request-progress';
import { resendRequestCode } from '@/lib/dal/privacy/resend-request-code';
import { verifyRequestCode } from '@/lib/dal/privacy/verify-request-code';
import { demoActors, meta, type DemoKey } from '../helpers/actors';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { expectAppError } from '../helpers/expect';
import { auditFor, codeSentTo, emailsTo, lastEmailTo, otherCode, publicRequest, requestRow } from '../helpers/privacy';

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

const at = (iso: string) => new Date(iso);
const minutes = (d: Date, n: number) => new Date(d.getTime() + n * 60_000);

describe('clocks stored on requests', () => {
  it('GDPR: received 31 January 2027 → due Monday 1 March (28 February is a Sunday)', async () => {
    const received = at('2027-01-31T10:00:00Z');
    const { requestId } = await submitPublicRequest(
      publicRequest({ email: 'clock.gdpr@example.test' }),
      meta,
      received,
    );
    const row = await requestRow(database.db, requestId);
    expect(row).toMatchObject({
      jurisdiction: 'gdpr',
      status: 'verifying',
      dueOn: '2027-03-01',
      originalDueOn: '2027-03-01',
      ackDueOn: null,
    });
    expect(row.receivedAt.toISOString()).toBe(received.toISOString());
  });

  it('California deletion: 45 days and an acknowledgement due in 10 business days', async () => {
    const { requestId } = await submitPublicRequest(
      publicRequest({ kind: 'deletion', residence: 'california', email: 'clock.ca@example.test' }),
      meta,
      at('2027-03-01T09:00:00Z'),
    );
    expect(await requestRow(database.db, requestId)).toMatchObject({
      jurisdiction: 'california',
      dueOn: '2027-04-15',
      ackDueOn: '2027-03-15',
    });
  });

  it('opt-out needs no code: received, acknowledged, 15 business days', async () => {
    const { requestId, needsCode } = await submitPublicRequest(
      publicRequest({ kind: 'opt_out_sale_sharing', residence: 'california', email: 'optout@example.test' }),
      meta,
      at('2027-03-01T09:00:00Z'),
    );
    expect(needsCode).toBe(false);
    const row = await requestRow(database.db, requestId);
    expect(row).toMatchObject({ status: 'received', verificationMethod: 'not_required', dueOn: '2027-03-22' });
    expect((await lastEmailTo(database.db, 'optout@example.test'))?.subject).toMatch(
      /We received your privacy request/,
    );
  });
});

describe('verification by emailed code', () => {
  it('the code is emailed, stored only as a hash, and verifies once', async () => {
    const now = new Date();
    const { requestId } = await submitPublicRequest(publicRequest({ email: 'vera@example.test' }), meta, now);
    const code = await codeSentTo(database.db, 'vera@example.test');
    const stored = await database.db
      .select()
      .from(privacyRequestCodes)
      .where(eq(privacyRequestCodes.requestId, requestId));
    expect(stored).toHaveLength(1);
    expect(JSON.stringify(stored)).not.toContain(code);
    expect((await getRequestProgress(requestId))?.stage).toBe('verify');
    expect(await verifyRequestCode({ requestId, code, purpose: 'requester' }, meta, minutes(now, 1))).toBe('verified');
    expect(await requestRow(database.db, requestId)).toMatchObject({
      status: 'received',
      verificationMethod: 'email_code',
    });
    await expectAppError(
      verifyRequestCode({ requestId, code, purpose: 'requester' }, meta, minutes(now, 2)),
      'invalid',
    );
  });

  it('three wrong tries void the code, even the right one afterwards; each try is audited', async () => {
    const now = new Date();
    const { requestId } = await submitPublicRequest(publicRequest({ email: 'tries@example.test' }), meta, now);
    const code = await codeSentTo(database.db, 'tries@example.test');
    await expectAppError(
      verifyRequestCode({ requestId, code: otherCode(code), purpose: 'requester' }, meta, minutes(now, 1)),
      'invalid',
      'That code is not right. 2 tries left.',
    );
    await expectAppError(
      verifyRequestCode({ requestId, code: otherCode(code), purpose: 'requester' }, meta, minutes(now, 1)),
      'invalid',
      'That code is not right. 1 try left.',
    );
    await expectAppError(
      verifyRequestCode({ requestId, code: otherCode(code), purpose: 'requester' }, meta, minutes(now, 1)),
      'invalid',
      /no longer works/,
    );
    await expectAppError(
      verifyRequestCode({ requestId, code, purpose: 'requester' }, meta, minutes(now, 1)),
      'invalid',
      /no longer works/,
    );
    const denied = (await auditFor(database.db, requestId, 'privacy.request_verify')).map((e) => [e.outcome, e.reason]);
    expect(denied).toEqual([
      ['denied', 'wrong_code'],
      ['denied', 'wrong_code'],
      ['denied', 'code_void_after_tries'],
      ['denied', 'no_live_code'],
    ]);
    expect((await requestRow(database.db, requestId)).status).toBe('verifying');

    // A new code works; the old one does not.
    await resendRequestCode({ requestId, purpose: 'requester' }, meta, minutes(now, 2));
    const fresh = await codeSentTo(database.db, 'tries@example.test');
    expect(await verifyRequestCode({ requestId, code: fresh, purpose: 'requester' }, meta, minutes(now, 3))).toBe(
      'verified',
    );
  });

  it('a code expires after 10 minutes', async () => {
    const now = new Date();
    const { requestId } = await submitPublicRequest(publicRequest({ email: 'late@example.test' }), meta, now);
    const code = await codeSentTo(database.db, 'late@example.test');
    await expectAppError(
      verifyRequestCode({ requestId, code, purpose: 'requester' }, meta, minutes(now, 10)),
      'invalid',
      'That code has expired. Ask for a new one.',
    );
    expect((await requestRow(database.db, requestId)).verifiedAt).toBeNull();
  });

  it('an authorized agent: the agent verifies, then the person confirms and decides what the agent receives', async () => {
    const now = new Date();
    const input = publicRequest({
      email: 'subject.person@example.test',
      name: 'Sol Subject',
      filer: 'agent',
      agentName: 'Ada Agent',
      agentEmail: 'agent@example.test',
      agentPermission: 'I, Sol Subject, authorize Ada Agent to make privacy requests to MM Group for me.',
      agentSignature: 'Ada Agent',
    });
    const { requestId } = await submitPublicRequest(input, meta, now);
    expect(await emailsTo(database.db, 'subject.person@example.test')).toHaveLength(0);
    const agentCode = await codeSentTo(database.db, 'agent@example.test');
    expect(await verifyRequestCode({ requestId, code: agentCode, purpose: 'requester' }, meta, minutes(now, 1))).toBe(
      'await_subject',
    );
    expect((await getRequestProgress(requestId))?.stage).toBe('await_subject');
    expect((await requestRow(database.db, requestId)).status).toBe('verifying');
    // The agent's code cannot stand in for the person's confirmation.
    await expectAppError(
      verifyRequestCode({ requestId, code: agentCode, purpose: 'subject' }, meta, minutes(now, 2)),
      'invalid',
    );
    const subjectCode = await codeSentTo(database.db, 'subject.person@example.test');
    expect(await verifyRequestCode({ requestId, code: subjectCode, purpose: 'subject' }, meta, minutes(now, 2))).toBe(
      'verified',
    );
    const row = await requestRow(database.db, requestId);
    expect(row).toMatchObject({ status: 'received', agentMayReceive: false });
    expect(row.agentPermissionSha256).toMatch(/^[0-9a-f]{64}$/);
    // What carries the person's data (a deletion receipt) reaches the agent only if the person allowed it.
    // (As the administrator who completes requests: with nobody acting, the database queues no email.)
    await withActor(actors.ada, ({ tx }) =>
      notifyRequester(
        tx,
        row,
        { subject: 'Done', text: 'Done. Receipt: 3 NDA signatures kept' },
        { subject: 'Done', text: 'Done.' },
      ),
    );
    expect((await lastEmailTo(database.db, 'agent@example.test'))?.text).toBe('Done.');
    expect((await lastEmailTo(database.db, 'subject.person@example.test'))?.text).toBe(
      'Done. Receipt: 3 NDA signatures kept',
    );
  });
});

describe('requests waiting for a code', () => {
  it('at most three per email within an hour: guesses at codes cannot be multiplied by filing again', async () => {
    const now = new Date();
    const email = 'many.requests@example.test';
    // Three kinds (a repeat of one kind is merged into the request waiting, see privacy-intake-limits.test.ts).
    const kinds = ['access', 'deletion', 'portability'] as const;
    for (let i = 0; i < 3; i++)
      await submitPublicRequest(
        publicRequest({ email, name: 'Mo Many', kind: kinds[i] }),
        meta,
        new Date(now.getTime() + i * 60_000),
      );
    const rows = () =>
      database.db.select({ n: count() }).from(privacyRequests).where(eq(privacyRequests.subjectEmail, email));
    expect((await rows())[0]!.n).toBe(3);
    await expectAppError(
      submitPublicRequest(
        publicRequest({ email: 'MANY.requests@example.test', name: 'Mo Many', kind: 'objection' }),
        meta,
        new Date(now.getTime() + 5 * 60_000),
      ),
      'invalid',
      TOO_MANY_PENDING,
    );
    expect((await rows())[0]!.n).toBe(3);
    // An hour after the last, one more may be filed; opt-outs need no code and are not capped by this rule.
    await submitPublicRequest(
      publicRequest({ email, name: 'Mo Many', kind: 'opt_out_sale_sharing' }),
      meta,
      new Date(now.getTime() + 6 * 60_000),
    );
    await submitPublicRequest(
      publicRequest({ email, name: 'Mo Many', kind: 'objection' }),
      meta,
      new Date(now.getTime() + 63 * 60_000),
    );
    expect((await rows())[0]!.n).toBe(5);
  });
});

describe('signed-in requests', () => {
  it('the password is the verification; a wrong one is refused and audited', async () => {
    await expectAppError(
      submitAccountRequest(actors.nova, { kind: 'access', residence: 'eea', password: 'wrong password' }, meta),
      'invalid',
      WRONG_CREDENTIAL,
    );
    const { requestId } = await submitAccountRequest(
      actors.nova,
      { kind: 'access', residence: 'eea', password: 'demo-pass-2026' },
      meta,
    );
    expect(await requestRow(database.db, requestId)).toMatchObject({
      status: 'received',
      verificationMethod: 'password',
      subjectUserId: actors.nova.id,
      subjectEmail: 'nova@talent.test',
    });
  });
});

describe('the admin queue and extensions', () => {
  it('only an administrator sees the queue; overdue and due-soon requests stand out', async () => {
    await expectAppError(listPrivacyRequests(actors.sam, {}), 'not_found');
    const { requestId: old } = await submitPublicRequest(
      publicRequest({ kind: 'opt_out_sale_sharing', email: 'old@example.test' }),
      meta,
      at('2026-01-05T09:00:00Z'),
    );
    const { requestId: soon } = await submitPublicRequest(
      publicRequest({ kind: 'limit_sensitive', email: 'soon@example.test' }),
      meta,
      new Date(Date.now() - 14 * 86_400_000),
    );
    const rows = await listPrivacyRequests(actors.ada, { due: 'open' });
    expect(rows.find((r) => r.id === old)?.urgency).toBe('overdue');
    expect(rows.find((r) => r.id === soon)?.urgency).toBe('due_soon');
    expect((await listPrivacyRequests(actors.ada, { due: 'overdue' })).map((r) => r.id)).toContain(old);
    expect((await listPrivacyRequests(actors.ada, { due: 'overdue' })).map((r) => r.id)).not.toContain(soon);
    expect(
      (await listPrivacyRequests(actors.ada, { kind: 'limit_sensitive' })).every((r) => r.kind === 'limit_sensitive'),
    ).toBe(true);
    // A client user is named by their account's codename in the queue, never by their real name.
    const novaRows = (await listPrivacyRequests(actors.ada, { kind: 'access' })).filter((r) => r.channel === 'account');
    expect(novaRows.map((r) => r.subject)).toEqual(['Client Vega (client)']);
  });

  it('extends once, before the due date, with a reason the requester is told; a second or late attempt is refused', async () => {
    const received = at('2027-01-31T10:00:00Z');
    const { requestId } = await submitPublicRequest(
      publicRequest({ kind: 'deletion', email: 'extend@example.test' }),
      meta,
      received,
    );
    const code = await codeSentTo(database.db, 'extend@example.test');
    await verifyRequestCode({ requestId, code, purpose: 'requester' }, meta, minutes(received, 1));
    await startPrivacyRequest(actors.ada, { requestId }, meta);
    await expectAppError(
      extendPrivacyRequest(actors.ada, { requestId, reason: 'Late' }, meta, at('2027-03-02T08:00:00Z')),
      'invalid',
      /due date has passed/,
    );
    expect(
      await extendPrivacyRequest(
        actors.ada,
        { requestId, reason: 'Records across many projects' },
        meta,
        at('2027-02-20T08:00:00Z'),
      ),
    ).toEqual({ dueOn: '2027-04-30' });
    expect(await requestRow(database.db, requestId)).toMatchObject({
      status: 'extended',
      dueOn: '2027-04-30',
      originalDueOn: '2027-03-01',
      extensionReason: 'Records across many projects',
    });
    expect((await lastEmailTo(database.db, 'extend@example.test'))?.text).toContain('Records across many projects');
    await expectAppError(
      extendPrivacyRequest(actors.ada, { requestId, reason: 'Again' }, meta, at('2027-02-21T08:00:00Z')),
      'invalid',
      /already been extended/,
    );
    const events = (await auditFor(database.db, requestId, 'privacy.request_extended')).map((e) => [
      e.outcome,
      e.reason,
    ]);
    expect(events).toEqual([
      ['denied', 'past_due'],
      ['allowed', null],
      ['denied', 'already_extended'],
    ]);
  });

  it('a refusal closes the request with its reason; a closed request cannot be acted on again', async () => {
    const { requestId } = await submitPublicRequest(
      publicRequest({ kind: 'opt_out_sale_sharing', email: 'refuse@example.test' }),
      meta,
    );
    await refusePrivacyRequest(actors.ada, { requestId, reason: 'Duplicate of an earlier request' }, meta);
    expect(await requestRow(database.db, requestId)).toMatchObject({
      status: 'refused',
      refusalReason: 'Duplicate of an earlier request',
    });
    await expectAppError(
      startPrivacyRequest(actors.ada, { requestId }, meta),
      'invalid',
      'This request is already closed.',
    );
  });
});
