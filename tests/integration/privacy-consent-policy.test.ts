/** Consent records (append-only, latest wins, GPC) and versioned privacy policies (publish, history, acknowledgement). */
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consentRecords, policyVersions } from '@/db/schema';
import { seedDemoWorld } from '@/db/seed/demo-world';
import type { Actor } from '@/lib/authz/types';
import { accountConsents } from '@/lib/dal/privacy/list-account-consents';
import { cookieState } from '@/lib/dal/privacy/get-cookie-state';
import { recordAccountConsent } from '@/lib/dal/privacy/record-account-consent';
import { recordCookieChoices } from '@/lib/dal/privacy/record-cookie-choices';
import { acknowledgePolicy } from '@/lib/dal/privacy/acknowledge-policy';
import { getCurrentPolicy } from '@/lib/dal/privacy/get-current-policy';
import { getPolicyVersion } from '@/lib/dal/privacy/get-policy-version';
import { listPolicyVersions } from '@/lib/dal/privacy/list-policy-versions';
import { pendingAcknowledgement } from '@/lib/dal/privacy/get-pending-acknowledgement';
import { publishPolicyVersion } from '@/lib/dal/privacy/publish-policy-version';
import { withActor } from '@/lib/dal/transaction';
import { isoDay } from '@/lib/privacy/clocks';
import { demoActors, meta, type DemoKey } from '../helpers/actors';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { expectAppError } from '../helpers/expect';

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

const NONE = { analytics: false, functional: false, marketing: false };
const ALL = { analytics: true, functional: true, marketing: true };

describe('cookie consent records', () => {
  it('a browser with no record has decided nothing; each choice is a new record; the latest wins', async () => {
    expect(await cookieState('browser-one-aaaaaaaaaaa')).toEqual({ decided: false, choices: NONE, gpcHonoured: false });
    await recordCookieChoices({
      browserId: 'browser-one-aaaaaaaaaaa',
      actor: null,
      choices: ALL,
      method: 'banner',
      gpc: false,
    });
    expect(await cookieState('browser-one-aaaaaaaaaaa')).toEqual({ decided: true, choices: ALL, gpcHonoured: false });
    await recordCookieChoices({
      browserId: 'browser-one-aaaaaaaaaaa',
      actor: null,
      choices: { ...NONE, functional: true },
      method: 'settings',
      gpc: false,
    });
    expect((await cookieState('browser-one-aaaaaaaaaaa')).choices).toEqual({ ...NONE, functional: true });
    const rows = await database.db
      .select()
      .from(consentRecords)
      .where(eq(consentRecords.browserId, 'browser-one-aaaaaaaaaaa'));
    expect(rows).toHaveLength(6);
    expect(rows.every((r) => r.noticeVersion === 1)).toBe(true);
  });

  it('records cannot be changed or deleted by the application', async () => {
    await expect(
      withActor(actors.ada, ({ tx }) => tx.execute(sql`update consent_records set decision = 'granted'`)),
    ).rejects.toThrow();
    await expect(withActor(actors.ada, ({ tx }) => tx.execute(sql`delete from consent_records`))).rejects.toThrow();
    // Not even the owner of the tables: the trigger refuses.
    const error = await database.db
      .execute(sql`update consent_records set decision = 'granted'`)
      .catch((e: Error & { cause?: Error }) => e);
    expect(String((error as Error & { cause?: Error }).cause?.message ?? error)).toMatch(/append-only/);
  });

  it('Global Privacy Control refuses marketing whatever is ticked, and its later absence does not opt back in', async () => {
    const browserId = 'browser-gpc-aaaaaaaaaaa';
    await recordCookieChoices({ browserId, actor: null, choices: NONE, method: 'gpc', gpc: true });
    expect(await cookieState(browserId)).toEqual({ decided: true, choices: NONE, gpcHonoured: true });
    await recordCookieChoices({ browserId, actor: null, choices: ALL, method: 'banner', gpc: true });
    expect(await cookieState(browserId)).toEqual({
      decided: true,
      choices: { ...ALL, marketing: false },
      gpcHonoured: true,
    });
    const saleSharing = await database.db
      .select()
      .from(consentRecords)
      .where(sql`${consentRecords.browserId} = ${browserId} and ${consentRecords.purpose} = 'sale_sharing'`);
    expect(saleSharing.every((r) => r.decision === 'denied' && r.method === 'gpc')).toBe(true);
    // No new choice, no change: the signal's absence is not a record.
    expect((await cookieState(browserId)).choices.marketing).toBe(false);
  });

  it('a signed-in person records account-level choices for themselves only', async () => {
    await recordAccountConsent(actors.nova, { purpose: 'marketing_email', decision: 'granted' });
    await recordAccountConsent(actors.nova, { purpose: 'marketing_email', decision: 'denied' });
    const state = await accountConsents(actors.nova);
    expect(state.find((c) => c.purpose === 'marketing_email')).toMatchObject({ decision: 'denied', method: 'account' });
    expect((await accountConsents(actors.kai)).every((c) => c.decision === null)).toBe(true);
  });
});

describe('policy versions', () => {
  it('the seeded first version is current, with its date', async () => {
    const current = await getCurrentPolicy();
    expect(current).toMatchObject({ version: 1, material: false });
    expect(current!.body).toContain('Global Privacy Control');
    expect(await pendingAcknowledgement(actors.sam)).toBeNull();
  });

  it('only an administrator publishes; a future version is not shown until it takes effect', async () => {
    const input = {
      title: 'MM Group privacy policy',
      body: `${'Updated text. '.repeat(10)}`,
      summary: 'Longer retention of call notes.',
      material: true,
    };
    await expectAppError(
      publishPolicyVersion(actors.sam, { ...input, effectiveOn: isoDay(new Date()) }, meta),
      'not_found',
    );
    await expectAppError(publishPolicyVersion(actors.ada, { ...input, effectiveOn: '2020-01-01' }, meta), 'invalid');
    const tomorrow = isoDay(new Date(Date.now() + 86_400_000));
    expect(await publishPolicyVersion(actors.ada, { ...input, effectiveOn: tomorrow }, meta)).toEqual({ version: 2 });
    expect((await getCurrentPolicy())?.version).toBe(1);
    expect(await getPolicyVersion(2)).toBeNull();
    expect((await listPolicyVersions({ includeScheduled: true })).map((v) => v.version)).toEqual([2, 1]);
    expect((await listPolicyVersions()).map((v) => v.version)).toEqual([1]);
  });

  it('a material change in effect asks each signed-in person once; the acknowledgement is recorded', async () => {
    await publishPolicyVersion(
      actors.ada,
      {
        title: 'MM Group privacy policy',
        body: 'Material change text. '.repeat(5),
        summary: 'We now share call notes with clients.',
        effectiveOn: isoDay(new Date()),
        material: true,
      },
      meta,
    );
    expect((await getCurrentPolicy())?.version).toBe(3);
    const pending = await pendingAcknowledgement(actors.sam);
    expect(pending).toMatchObject({ version: 3, summary: 'We now share call notes with clients.' });
    await acknowledgePolicy(actors.sam, pending!.id, meta);
    await acknowledgePolicy(actors.sam, pending!.id, meta);
    expect(await pendingAcknowledgement(actors.sam)).toBeNull();
    expect(await pendingAcknowledgement(actors.nova)).not.toBeNull();
    const acks = await database.db.execute(
      sql`select count(*)::int as n from audit_events where action = 'privacy.policy_acknowledged'`,
    );
    expect((Array.isArray(acks) ? acks : (acks as { rows: unknown[] }).rows)[0]).toEqual({ n: 1 });
  });

  it('published versions cannot be edited by the application', async () => {
    await expect(
      withActor(actors.ada, ({ tx }) => tx.update(policyVersions).set({ body: 'rewritten' })),
    ).rejects.toThrow();
  });
});
