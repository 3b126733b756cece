/**
 * The public privacy forms are bounded (issue 12, finding 4): per email and per client address an hour, a
 * repeat of a request still waiting is merged into it (no new entry, no new email), an opt-out is not linked to
 * the account its email matches, and the email to a person an agent acts for quotes nothing the agent typed.
 */
import { and, count, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { privacyRequests } from '@/db/schema';
import { seedDemoWorld } from '@/db/seed/demo-world';
import { submitPublicRequest } from '@/lib/dal/privacy/submit-public-request';
import { resendRequestCode } from '@/lib/dal/privacy/resend-request-code';
import { verifyRequestCode } from '@/lib/dal/privacy/verify-request-code';
import { REQUESTS_LIMITED } from '@/lib/privacy/messages';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { expectAppError } from '../helpers/expect';
import { codeSentTo, emailsTo, publicRequest, requestRow } from '../helpers/privacy';

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
  await seedDemoWorld(database.db);
});

afterAll(async () => {
  await database?.dispose();
});

// Each test its own client address, so the per-address counter of one does not spill into another.
const from = (n: number) => ({ ip: `198.51.100.${n}`, userAgent: 'vitest' });
const requestsFor = async (email: string) =>
  Number(
    (
      await database.db
        .select({ n: count() })
        .from(privacyRequests)
        .where(eq(sql`lower(${privacyRequests.subjectEmail})`, email))
    )[0]!.n,
  );

describe('opt-out and limit requests from the public form', () => {
  it('twenty opt-outs for a real account: one entry, not linked to the account, one email, then a calm refusal', async () => {
    const email = 'nova@talent.test';
    const outcomes: string[] = [];
    const ids = new Set<string>();
    for (let i = 0; i < 20; i++) {
      try {
        ids.add(
          (
            await submitPublicRequest(
              publicRequest({ kind: 'opt_out_sale_sharing', residence: 'california', email, name: 'Not Nova' }),
              from(1),
            )
          ).requestId,
        );
        outcomes.push('accepted');
      } catch (error) {
        outcomes.push((error as Error).message);
      }
    }
    expect(outcomes.filter((o) => o === 'accepted')).toHaveLength(5);
    expect(outcomes.slice(5).every((o) => o === REQUESTS_LIMITED)).toBe(true);
    expect(ids.size).toBe(1);
    expect(await requestsFor(email)).toBe(1);
    const row = await requestRow(database.db, [...ids][0]!);
    expect(row).toMatchObject({ status: 'received', subjectUserId: null, verificationMethod: 'not_required' });
    expect(await emailsTo(database.db, email)).toHaveLength(1);
  });

  it('a limit request is a different kind: its own entry, merged with its own repeats', async () => {
    const email = 'limit.me@example.test';
    const first = await submitPublicRequest(publicRequest({ kind: 'limit_sensitive', email }), from(2));
    const again = await submitPublicRequest(publicRequest({ kind: 'limit_sensitive', email }), from(2));
    const optOut = await submitPublicRequest(publicRequest({ kind: 'opt_out_sale_sharing', email }), from(2));
    expect(again.requestId).toBe(first.requestId);
    expect(optOut.requestId).not.toBe(first.requestId);
    expect(await requestsFor(email)).toBe(2);
    expect(await emailsTo(database.db, email)).toHaveLength(2);
  });
});

describe('requests that need a code', () => {
  it('a repeat while the first waits for its code is merged: one entry, one code email', async () => {
    const email = 'repeat.access@example.test';
    const now = new Date();
    const first = await submitPublicRequest(publicRequest({ email }), from(3), now);
    const second = await submitPublicRequest(
      publicRequest({ email: 'Repeat.Access@example.test', name: 'Other Words' }),
      from(3),
      new Date(now.getTime() + 60_000),
    );
    expect(second.requestId).toBe(first.requestId);
    expect(await requestsFor(email)).toBe(1);
    expect(await emailsTo(database.db, email)).toHaveLength(1);
    // Once verified it no longer waits: a new request is a new entry.
    await verifyRequestCode(
      { requestId: first.requestId, code: await codeSentTo(database.db, email), purpose: 'requester' },
      from(3),
      new Date(now.getTime() + 120_000),
    );
    const third = await submitPublicRequest(publicRequest({ email }), from(3), new Date(now.getTime() + 180_000));
    expect(third.requestId).not.toBe(first.requestId);
  });

  it('new codes count against the same hourly bound as requests', async () => {
    const email = 'resends@example.test';
    const { requestId } = await submitPublicRequest(publicRequest({ email }), from(4));
    for (let i = 0; i < 4; i++) await resendRequestCode({ requestId, purpose: 'requester' }, from(4));
    await expectAppError(resendRequestCode({ requestId, purpose: 'requester' }, from(4)), 'invalid', REQUESTS_LIMITED);
    expect(await emailsTo(database.db, email)).toHaveLength(5);
  });
});

describe('per client address', () => {
  it('twenty requests an hour from one address, whatever the emails; another address is not held back', async () => {
    for (let i = 0; i < 20; i++)
      await submitPublicRequest(
        publicRequest({ kind: 'opt_out_sale_sharing', email: `crowd${i}@example.test` }),
        from(5),
      );
    await expectAppError(
      submitPublicRequest(publicRequest({ kind: 'opt_out_sale_sharing', email: 'crowd20@example.test' }), from(5)),
      'invalid',
      REQUESTS_LIMITED,
    );
    expect(await requestsFor('crowd20@example.test')).toBe(0);
    await submitPublicRequest(publicRequest({ kind: 'opt_out_sale_sharing', email: 'crowd20@example.test' }), from(6));
    expect(await requestsFor('crowd20@example.test')).toBe(1);
  });

  it('the refusal says the same for an email with an account and one without', async () => {
    const refusals = [];
    for (const email of ['sam@mmgroup.test', 'nobody.here@example.test']) {
      for (let i = 0; i < 5; i++)
        await submitPublicRequest(
          publicRequest({ kind: i % 2 ? 'limit_sensitive' : 'opt_out_sale_sharing', email }),
          from(7 + refusals.length),
        );
      refusals.push(
        (await expectAppError(submitPublicRequest(publicRequest({ email }), from(7 + refusals.length)), 'invalid'))
          .message,
      );
    }
    expect(refusals).toEqual([REQUESTS_LIMITED, REQUESTS_LIMITED]);
  });

  it('after the hour, the same email may ask again', async () => {
    const email = 'patient@example.test';
    const now = new Date();
    for (let i = 0; i < 5; i++)
      await submitPublicRequest(
        publicRequest({ kind: i % 2 ? 'limit_sensitive' : 'opt_out_sale_sharing', email }),
        from(10),
        now,
      );
    await expectAppError(submitPublicRequest(publicRequest({ email }), from(10), now), 'invalid', REQUESTS_LIMITED);
    await submitPublicRequest(publicRequest({ email }), from(10), new Date(now.getTime() + 61 * 60_000));
    expect(await requestsFor(email)).toBe(3);
  });
});

describe('an agent’s request', () => {
  it('the email to the person says a request was made for them and links to the portal, quoting nothing the agent typed', async () => {
    const typed = {
      agentName: 'Mallory Click Here',
      agentPermission: 'URGENT: your account is locked, call +1 555 0100 or visit http://evil.example now.',
      details: 'Send everything to mallory@evil.example',
    };
    const { requestId } = await submitPublicRequest(
      publicRequest({
        email: 'victim.person@example.test',
        name: 'Vic Person',
        filer: 'agent',
        agentEmail: 'mallory@evil.example',
        agentSignature: typed.agentName,
        ...typed,
      }),
      from(11),
    );
    await verifyRequestCode(
      { requestId, code: await codeSentTo(database.db, 'mallory@evil.example'), purpose: 'requester' },
      from(11),
    );
    const [mail] = await emailsTo(database.db, 'victim.person@example.test');
    expect(mail?.subject).toMatch(/on your behalf/);
    expect(mail?.text).toContain(`/privacy/request/${requestId}/confirm`);
    for (const words of [typed.agentName, 'Mallory', 'evil.example', '555 0100', 'URGENT', 'Send everything']) {
      expect(`${mail?.subject}\n${mail?.text}`).not.toContain(words);
    }
    const [row] = await database.db
      .select({ n: count() })
      .from(privacyRequests)
      .where(and(eq(privacyRequests.id, requestId), eq(privacyRequests.agentName, typed.agentName)));
    expect(row!.n).toBe(1); // kept for the administrator, just never emailed
  });
});
