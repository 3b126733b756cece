/**
 * Signing in through the data-access layer: the password step opens no session; the second factor (TOTP,
 * once per time step, or a recovery code, once); enrolment of a staff account at its first sign-in; the
 * challenge's limits; throttling per account and per IP with the same answers for unknown addresses.
 */
import { createHash } from 'node:crypto';
import { and, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { sessions, signInChallenges, signInThrottles, twoFactorSecrets, userPasswords } from '@/db/schema';
import { DEMO_PASSWORD_DEFAULT, DEMO_TOTP_SECRET_DEFAULT, seedDemoWorld } from '@/db/seed/demo-world';
import { timeStepAt, totpCodeAt } from '@/lib/auth/totp';
import { inviteUser } from '@/lib/dal/people/invite-user';
import { acceptInvitation } from '@/lib/dal/people/accept-invitation';
import { beginSignIn, type PasswordStep } from '@/lib/dal/sign-in/begin-sign-in';
import { challengeStage } from '@/lib/dal/sign-in/read-challenge-stage';
import { completeSignIn } from '@/lib/dal/sign-in/complete-sign-in';
import { confirmSignInEnrolment } from '@/lib/dal/sign-in/confirm-sign-in-enrolment';
import { enrolmentForChallenge } from '@/lib/dal/sign-in/read-enrolment-for-challenge';
import { verifySignInCode } from '@/lib/dal/sign-in/verify-sign-in-code';
import { loadSessionUser } from '@/lib/dal/account/read-session-user';
import { throttleKeys } from '@/lib/dal/sign-in/attempt-throttle';
import { demoActors, meta, type DemoKey } from '../helpers/actors';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { auditSince, lastAuditId } from '../helpers/demo';
import { nextMoment } from '../helpers/sign-in';
import type { Actor } from '@/lib/authz/types';

vi.mock('@/auth', () => ({ auth: async () => null }));
// A hook run while a password is being checked (argon2 runs outside any transaction): to change it meanwhile.
const duringPasswordCheck = vi.hoisted(() => ({ run: null as null | (() => Promise<void>) }));
vi.mock('@/lib/crypto/password', async (original) => {
  const real = await original<typeof import('@/lib/crypto/password')>();
  return {
    ...real,
    verifyPassword: async (hash: string | null, password: string) => {
      const ok = await real.verifyPassword(hash, password);
      await duringPasswordCheck.run?.();
      return ok;
    },
  };
});

const MINUTE = 60_000;
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

const sessionCount = async (userId: string) =>
  Number((await database.db.select({ n: count() }).from(sessions).where(eq(sessions.userId, userId)))[0]!.n);
const tokenOf = (step: PasswordStep) => {
  if (!step.ok) throw new Error('expected the password step to pass');
  return step.token;
};
const at = (base: Date, ms: number) => new Date(base.getTime() + ms);

describe('the password step', () => {
  it('for an account without two-factor, a verified challenge that Auth.js turns into a session once', async () => {
    const now = nextMoment();
    const before = await lastAuditId(database.db);
    const step = await beginSignIn('NOVA@talent.test', DEMO_PASSWORD_DEFAULT, meta, now);
    expect(step).toMatchObject({ ok: true, secondFactor: 'none' });
    expect(await challengeStage(tokenOf(step), now)).toBe('ready');
    const sessionsBefore = await sessionCount(actors.nova.id);
    const opened = await completeSignIn(tokenOf(step), meta, now);
    expect(opened).toMatchObject({ userId: actors.nova.id });
    expect(await sessionCount(actors.nova.id)).toBe(sessionsBefore + 1);
    expect(await completeSignIn(tokenOf(step), meta, now)).toBeNull();
    expect(await auditSince(database.db, before)).toMatchObject([
      { action: 'auth.password_verified', outcome: 'allowed', actorId: actors.nova.id, details: { next: 'none' } },
      { action: 'auth.sign_in', outcome: 'allowed', actorId: actors.nova.id, details: { secondFactor: 'none' } },
    ]);
    // Only the token's hash is stored.
    expect(JSON.stringify(await database.db.select().from(signInChallenges))).not.toContain(tokenOf(step));
  });

  it('a password changed while the old one was being checked opens nothing (a reset shuts out sign-ins in flight)', async () => {
    const now = nextMoment();
    const nina = eq(userPasswords.userId, actors.nina.id);
    const [{ passwordHash }] = (await database.db
      .select({ passwordHash: userPasswords.passwordHash })
      .from(userPasswords)
      .where(nina)) as [{ passwordHash: string }];
    const before = await lastAuditId(database.db);
    duringPasswordCheck.run = async () => {
      await database.db
        .update(userPasswords)
        .set({ passwordHash: `${passwordHash}-changed` })
        .where(nina);
    };
    try {
      const step = await beginSignIn(
        'nina.nonda@contractor.test',
        DEMO_PASSWORD_DEFAULT,
        { ...meta, ip: '198.51.100.77' },
        now,
      );
      expect(step).toMatchObject({ ok: false, locked: false });
    } finally {
      duringPasswordCheck.run = null;
      await database.db.update(userPasswords).set({ passwordHash }).where(nina);
    }
    expect(await auditSince(database.db, before)).toMatchObject([
      { action: 'auth.sign_in', outcome: 'denied', actorId: actors.nina.id, reason: 'password_changed' },
    ]);
    expect(
      await database.db.select().from(signInChallenges).where(eq(signInChallenges.userId, actors.nina.id)),
    ).toEqual([]);
  });

  it('for an account with two-factor, a challenge that opens no session until a code verifies it', async () => {
    const now = nextMoment();
    const step = await beginSignIn('sam.lead@mmgroup.test', DEMO_PASSWORD_DEFAULT, meta, now);
    expect(step).toMatchObject({ ok: true, secondFactor: 'verify' });
    const token = tokenOf(step);
    expect(await completeSignIn(token, meta, now)).toBeNull();
    expect(await completeSignIn('made-up-token-made-up-token', meta, now)).toBeNull();
    expect(await challengeStage(token, now)).toBe('verify');

    const before = await lastAuditId(database.db);
    const wrong = totpCodeAt(DEMO_TOTP_SECRET_DEFAULT, now) === '000000' ? '111111' : '000000';
    expect(await verifySignInCode(token, wrong, meta, now)).toEqual({ ok: false, reason: 'bad_code', delayMs: 0 });
    expect(await completeSignIn(token, meta, now)).toBeNull();
    expect(await verifySignInCode(token, totpCodeAt(DEMO_TOTP_SECRET_DEFAULT, now), meta, now)).toEqual({ ok: true });
    const opened = await completeSignIn(token, meta, now);
    expect(await loadSessionUser(opened!.sessionId)).toMatchObject({ id: actors.sam.id });
    // The cookie's token opens the session; the database holds only its SHA-256.
    const stored = (
      await database.db.select({ id: sessions.id }).from(sessions).where(eq(sessions.userId, actors.sam.id))
    ).map((r) => r.id);
    expect(stored).not.toContain(opened!.sessionId);
    expect(stored).toContain(createHash('sha256').update(opened!.sessionId).digest('hex'));
    expect(await auditSince(database.db, before)).toMatchObject([
      { action: 'auth.two_factor', outcome: 'denied', reason: 'bad_code', actorId: actors.sam.id },
      { action: 'auth.two_factor', outcome: 'allowed', actorId: actors.sam.id, details: { method: 'totp' } },
      { action: 'auth.sign_in', outcome: 'allowed', actorId: actors.sam.id, details: { secondFactor: 'totp' } },
    ]);
  });

  it('a TOTP code works once: the same code, or an older one, is refused on the next sign-in', async () => {
    const now = nextMoment();
    const code = totpCodeAt(DEMO_TOTP_SECRET_DEFAULT, now);
    const first = tokenOf(await beginSignIn('oscar.other@mmgroup.test', DEMO_PASSWORD_DEFAULT, meta, now));
    expect(await verifySignInCode(first, code, meta, now)).toEqual({ ok: true });
    const second = tokenOf(await beginSignIn('oscar.other@mmgroup.test', DEMO_PASSWORD_DEFAULT, meta, now));
    expect(await verifySignInCode(second, code, meta, now)).toMatchObject({ ok: false, reason: 'bad_code' });
    expect(
      await verifySignInCode(second, totpCodeAt(DEMO_TOTP_SECRET_DEFAULT, at(now, -30_000)), meta, now),
    ).toMatchObject({ ok: false });
    const [row] = await database.db.select().from(twoFactorSecrets).where(eq(twoFactorSecrets.userId, actors.oscar.id));
    expect(row!.lastTimeStep).toBe(timeStepAt(now));
    // The next step's code is fresh.
    expect(await verifySignInCode(second, totpCodeAt(DEMO_TOTP_SECRET_DEFAULT, at(now, 30_000)), meta, now)).toEqual({
      ok: true,
    });
    const denied = (await auditSince(database.db, 0)).filter(
      (e) => e.action === 'auth.two_factor' && e.reason === 'replayed_code',
    );
    expect(denied.length).toBeGreaterThanOrEqual(1);
  });

  it('two sign-ins racing with one code: exactly one passes', async () => {
    const now = nextMoment();
    const code = totpCodeAt(DEMO_TOTP_SECRET_DEFAULT, now);
    const tokens = [
      tokenOf(await beginSignIn('sam.lead@mmgroup.test', DEMO_PASSWORD_DEFAULT, meta, now)),
      tokenOf(await beginSignIn('sam.lead@mmgroup.test', DEMO_PASSWORD_DEFAULT, meta, now)),
    ];
    const results = await Promise.all(tokens.map((token) => verifySignInCode(token, code, meta, now)));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
  });

  it('a challenge allows five wrong codes, then it is over; it expires after five minutes anyway', async () => {
    const now = nextMoment();
    const token = tokenOf(await beginSignIn('finn.finance@mmgroup.test', DEMO_PASSWORD_DEFAULT, meta, now));
    const results = [];
    for (let i = 0; i < 5; i++)
      results.push((await verifySignInCode(token, '999999', meta, now)) as { reason?: string });
    expect(results.map((r) => r.reason)).toEqual(['bad_code', 'bad_code', 'bad_code', 'bad_code', 'expired']);
    expect(await verifySignInCode(token, totpCodeAt(DEMO_TOTP_SECRET_DEFAULT, now), meta, now)).toMatchObject({
      ok: false,
      reason: 'expired',
    });
    expect(await challengeStage(token, now)).toBeNull();

    const later = nextMoment();
    const slow = tokenOf(await beginSignIn('finn.finance@mmgroup.test', DEMO_PASSWORD_DEFAULT, meta, later));
    const tooLate = at(later, 5 * MINUTE + 1);
    expect(await verifySignInCode(slow, totpCodeAt(DEMO_TOTP_SECRET_DEFAULT, tooLate), meta, tooLate)).toMatchObject({
      ok: false,
      reason: 'expired',
    });
    // The wrong codes counted against the account; a completed sign-in clears them.
    const fine = nextMoment();
    const token2 = tokenOf(await beginSignIn('finn.finance@mmgroup.test', DEMO_PASSWORD_DEFAULT, meta, fine));
    expect(await verifySignInCode(token2, totpCodeAt(DEMO_TOTP_SECRET_DEFAULT, fine), meta, fine)).toEqual({
      ok: true,
    });
  });
});

describe('enrolment at the first sign-in of a staff account', () => {
  it('asks for enrolment, shows the secret, turns two-factor on with its first code, then opens the session', async () => {
    const { token: invitation } = await inviteUser(
      actors.ada,
      { email: 'erin.enrol@mmgroup.test', name: 'Erin Enrol', role: 'staff' },
      meta,
    );
    await acceptInvitation(invitation, 'a-long-password-2026', meta);
    const now = nextMoment();
    const step = await beginSignIn('erin.enrol@mmgroup.test', 'a-long-password-2026', meta, now);
    expect(step).toMatchObject({ ok: true, secondFactor: 'enrol' });
    const token = tokenOf(step);
    expect(await completeSignIn(token, meta, now)).toBeNull();
    expect(await verifySignInCode(token, '123456', meta, now)).toMatchObject({ ok: false, reason: 'expired' });

    const enrolment = await enrolmentForChallenge(token, now);
    expect(enrolment?.secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(enrolment?.uri).toContain('erin.enrol%40mmgroup.test');
    // Sealed at rest: the secret is nowhere in the table.
    expect(JSON.stringify(await database.db.select().from(twoFactorSecrets))).not.toContain(enrolment!.secret);

    expect(await confirmSignInEnrolment(token, '000000', meta, now)).toMatchObject({ ok: false, reason: 'bad_code' });
    const confirmed = await confirmSignInEnrolment(token, totpCodeAt(enrolment!.secret, now), meta, now);
    expect(confirmed.ok).toBe(true);
    const codes = (confirmed as { recoveryCodes: string[] }).recoveryCodes;
    expect(codes).toHaveLength(10);
    expect(await challengeStage(token, now)).toBe('ready');
    const opened = await completeSignIn(token, meta, now);
    expect(opened).not.toBeNull();

    // From now on: a code, and a recovery code works once.
    const next = nextMoment();
    const again = await beginSignIn('erin.enrol@mmgroup.test', 'a-long-password-2026', meta, next);
    expect(again).toMatchObject({ ok: true, secondFactor: 'verify' });
    expect(await verifySignInCode(tokenOf(again), codes[0]!.toLowerCase(), meta, next)).toEqual({ ok: true });
    const third = tokenOf(await beginSignIn('erin.enrol@mmgroup.test', 'a-long-password-2026', meta, next));
    expect(await verifySignInCode(third, codes[0]!, meta, next)).toMatchObject({ ok: false, reason: 'bad_code' });
    expect(await verifySignInCode(third, codes[1]!, meta, next)).toEqual({ ok: true });
    const audit = await auditSince(database.db, 0);
    expect(
      audit.filter((e) => e.actorId === opened!.userId && e.action === 'auth.two_factor_enrol').map((e) => e.outcome),
    ).toEqual(['denied', 'allowed']);
    expect(JSON.stringify(audit)).not.toContain(codes[1]!);
  });
});

describe('throttling', () => {
  const attempt = (email: string, password: string, now: Date, ip = meta.ip) =>
    beginSignIn(email, password, { ...meta, ip }, now);

  it(
    'an unknown address and a real account are answered alike, delayed, then locked for fifteen minutes',
    { timeout: 60_000 },
    async () => {
      const now = nextMoment();
      for (const email of ['nobody.at.all@mmgroup.test', 'brian@lumen.test']) {
        const answers = [];
        for (let i = 0; i < 9; i++)
          answers.push(await attempt(email, 'not-the-password', now, `192.0.2.${email.length}`));
        expect(answers.map((a) => (a.ok ? 'ok' : `${a.locked}:${a.delayMs}`))).toEqual([
          'false:0',
          'false:0',
          'false:0',
          'false:1000',
          'false:2000',
          'false:4000',
          'false:8000',
          'true:8000',
          'true:0',
        ]);
      }
      // Locked: even the right password is refused, unchecked; after fifteen minutes it works again.
      expect(await attempt('brian@lumen.test', DEMO_PASSWORD_DEFAULT, at(now, 14 * MINUTE))).toEqual({
        ok: false,
        locked: true,
        delayMs: 0,
      });
      expect(await attempt('brian@lumen.test', DEMO_PASSWORD_DEFAULT, at(now, 15 * MINUTE))).toMatchObject({
        ok: true,
      });
      const audit = await auditSince(database.db, 0);
      const lockouts = audit.filter((e) => e.action === 'auth.lockout');
      expect(lockouts.map((e) => [e.actorId, e.details])).toEqual([
        [null, { scope: 'account' }],
        [actors.brian.id, { scope: 'account' }],
      ]);
      expect(
        audit.some((e) => e.action === 'auth.sign_in' && e.reason === 'locked' && e.actorId === actors.brian.id),
      ).toBe(true);
      // Counters are keyed by a hash of the address: no email in the table.
      expect(JSON.stringify(await database.db.select().from(signInThrottles))).not.toContain('nobody.at.all');
    },
  );

  it('one IP trying many addresses is locked out after fifty failures', async () => {
    const now = nextMoment();
    const ip = '198.51.100.200';
    for (let i = 0; i < 50; i++)
      expect(await attempt(`guess${i}@mmgroup.test`, 'x', now, ip)).toMatchObject({ ok: false });
    expect(await attempt('kai@talent.test', DEMO_PASSWORD_DEFAULT, now, ip)).toEqual({
      ok: false,
      locked: true,
      delayMs: 0,
    });
    expect(await attempt('kai@talent.test', DEMO_PASSWORD_DEFAULT, now, '198.51.100.201')).toMatchObject({ ok: true });
    // The machine's own address (a local request, or a proxy forwarding no client address) is not counted.
    expect(throttleKeys('kai@talent.test', '::1').map((k) => k.scope)).toEqual(['account']);
    expect(throttleKeys('kai@talent.test', '127.0.0.1').map((k) => k.scope)).toEqual(['account']);
    expect(throttleKeys('kai@talent.test', ip).map((k) => k.scope)).toEqual(['account', 'ip']);
    // Behind a proxy the address comes from X-Forwarded-For, which can say 127.0.0.1: it is counted like any other.
    vi.stubEnv('CLEARANCE_PROXY_HOPS', '1');
    expect(throttleKeys('kai@talent.test', '127.0.0.1').map((k) => k.scope)).toEqual(['account', 'ip']);
    vi.unstubAllEnvs();
    const [row] = await database.db
      .select()
      .from(signInThrottles)
      .where(and(eq(signInThrottles.key, `ip:${ip}`)));
    expect(row!.lockedUntil).toEqual(at(now, 15 * MINUTE));
  }, 120_000); // fifty argon2 checks

  it('wrong codes count against the account: a known password does not buy endless guesses', async () => {
    const now = nextMoment();
    let locked = false;
    for (let round = 0; round < 4 && !locked; round++) {
      const step = await attempt('oscar.other@mmgroup.test', DEMO_PASSWORD_DEFAULT, now, '203.0.113.50');
      if (!step.ok) {
        locked = step.locked;
        break;
      }
      for (let i = 0; i < 3; i++) {
        const r = await verifySignInCode(step.token, '000001', { ...meta, ip: '203.0.113.50' }, now);
        if (!r.ok && r.reason === 'locked') locked = true;
      }
    }
    expect(locked).toBe(true);
    expect(await attempt('oscar.other@mmgroup.test', DEMO_PASSWORD_DEFAULT, now, '203.0.113.51')).toEqual({
      ok: false,
      locked: true,
      delayMs: 0,
    });
  });
});
