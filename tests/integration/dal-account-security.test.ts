/**
 * The account page and password reset through the data-access layer: sessions listed and ended, password
 * change, two-factor set up / reset / turned off / new recovery codes (each after re-authentication, each
 * ending every other session), and reset links (same answer for unknown addresses, single use, 30 minutes).
 */
import { desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { outboxEmails, passwordResetTokens, recoveryCodes, twoFactorSecrets } from '@/db/schema';
import { DEMO_PASSWORD_DEFAULT, DEMO_TOTP_SECRET_DEFAULT, seedDemoWorld } from '@/db/seed/demo-world';
import { INVALID_RESET_LINK, TOO_MANY_ATTEMPTS, WRONG_CREDENTIAL, WRONG_PASSWORD } from '@/lib/auth/messages';
import { totpCodeAt } from '@/lib/auth/totp';
import { changePassword } from '@/lib/dal/account/change-password';
import { listActiveSessions } from '@/lib/dal/account/list-active-sessions';
import { signOutEverywhere } from '@/lib/dal/account/sign-out-everywhere';
import { confirmTwoFactorSetup } from '@/lib/dal/account/confirm-two-factor-setup';
import { disableTwoFactor } from '@/lib/dal/account/disable-two-factor';
import { regenerateRecoveryCodes } from '@/lib/dal/account/regenerate-recovery-codes';
import { startTwoFactorSetup } from '@/lib/dal/account/start-two-factor-setup';
import { twoFactorStatus } from '@/lib/dal/account/read-two-factor-status';
import { listOutbox } from '@/lib/dal/outbox/list-outbox';
import { isOpenResetLink } from '@/lib/dal/account/check-reset-link';
import { requestPasswordReset } from '@/lib/dal/account/request-password-reset';
import { resetPassword } from '@/lib/dal/account/reset-password';
import { loadSessionUser, type SessionUser } from '@/lib/dal/account/read-session-user';
import { beginSignIn } from '@/lib/dal/sign-in/begin-sign-in';
import { meta } from '../helpers/actors';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { auditSince, lastAuditId } from '../helpers/demo';
import { expectAppError } from '../helpers/expect';
import { nextMoment, signInThroughSteps } from '../helpers/sign-in';
import { opened } from '../helpers/outbox';

vi.mock('@/auth', () => ({ auth: async () => null }));

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
  await seedDemoWorld(database.db);
});
afterAll(async () => {
  await database?.dispose();
});

/** Signs in (all steps) and returns the session's user as a page would see it. */
async function session(email: string, options: { password?: string; secret?: string } = {}): Promise<SessionUser> {
  const opened = await signInThroughSteps(email, meta, options);
  if (!opened) throw new Error(`could not sign in ${email}`);
  return (await loadSessionUser(opened.sessionId))!;
}
const alive = async (user: SessionUser) => (await loadSessionUser(user.sessionId)) !== null;
const latestEmailTo = async (to: string) =>
  opened(
    await database.db.select().from(outboxEmails).where(eq(outboxEmails.to, to)).orderBy(desc(outboxEmails.createdAt)),
  )[0];
const linkIn = (text: string) => /\/sign-in\/reset\/([A-Za-z0-9_-]+)/.exec(text)?.[1] ?? null;

describe('sessions', () => {
  it('lists the active sessions without their ids, and "sign out everywhere" ends all of them', async () => {
    const [first, second] = [
      await session('cora.editor@contractor.test'),
      await session('cora.editor@contractor.test'),
    ];
    const listed = await listActiveSessions(second);
    expect(listed).toHaveLength(2);
    expect(listed.filter((s) => s.current)).toHaveLength(1);
    expect(listed[0]).toMatchObject({ ip: meta.ip, userAgent: meta.userAgent });
    expect(JSON.stringify(listed)).not.toContain(first.sessionId);

    const before = await lastAuditId(database.db);
    expect(await signOutEverywhere(second, meta)).toBe(2);
    expect([await alive(first), await alive(second)]).toEqual([false, false]);
    expect(await auditSince(database.db, before)).toMatchObject([
      { action: 'auth.sign_out_everywhere', actorId: first.id, details: { sessions: 2 } },
    ]);
  });
});

describe('changing the password', () => {
  it('needs the current password, then ends every other session and keeps this one', async () => {
    const [other, current] = [await session('nova@talent.test'), await session('nova@talent.test')];
    await expectAppError(
      changePassword(current, { currentPassword: 'wrong-password', newPassword: 'new-password-2026' }, meta),
      'invalid',
      WRONG_PASSWORD,
    );
    expect(await alive(other)).toBe(true);
    await changePassword(current, { currentPassword: DEMO_PASSWORD_DEFAULT, newPassword: 'new-password-2026' }, meta);
    expect([await alive(other), await alive(current)]).toEqual([false, true]);
    expect(await beginSignIn('nova@talent.test', DEMO_PASSWORD_DEFAULT, meta, nextMoment())).toMatchObject({
      ok: false,
    });
    expect(await beginSignIn('nova@talent.test', 'new-password-2026', meta, nextMoment())).toMatchObject({ ok: true });
    const events = (await auditSince(database.db, 0)).filter(
      (e) => e.actorId === current.id && e.action.startsWith('auth.'),
    );
    expect(events.filter((e) => e.action === 'auth.reauthenticate').map((e) => e.outcome)).toEqual([
      'denied',
      'allowed',
    ]);
    expect(events.find((e) => e.action === 'auth.password_change')).toMatchObject({
      outcome: 'allowed',
      details: { otherSessionsEnded: 1 },
    });
  });
});

describe('two-factor on the account page', () => {
  it('a client sets it up, gets recovery codes, resets it, makes new codes and turns it off; each ends the other sessions', async () => {
    const other = await session('kai@talent.test');
    const kai = await session('kai@talent.test');
    expect(await twoFactorStatus(kai)).toEqual({
      enabled: false,
      required: false,
      recoveryCodesLeft: 0,
      pending: null,
    });

    await expectAppError(startTwoFactorSetup(kai, 'wrong-password', meta), 'invalid', WRONG_CREDENTIAL);
    await startTwoFactorSetup(kai, DEMO_PASSWORD_DEFAULT, meta);
    const pending = (await twoFactorStatus(kai)).pending!;
    expect(pending.uri).toContain(`secret=${pending.secret}`);
    expect(await alive(other)).toBe(true);
    await expectAppError(confirmTwoFactorSetup(kai, '000000', meta), 'invalid');
    const now = new Date();
    const codes = await confirmTwoFactorSetup(kai, totpCodeAt(pending.secret, now), meta, now);
    expect(codes).toHaveLength(10);
    expect(await twoFactorStatus(kai)).toMatchObject({ enabled: true, recoveryCodesLeft: 10, pending: null });
    expect([await alive(other), await alive(kai)]).toEqual([false, true]);

    // Codes and secret are stored hashed and sealed only.
    const dump = JSON.stringify([
      await database.db.select().from(recoveryCodes),
      await database.db.select().from(twoFactorSecrets),
    ]);
    for (const secret of [pending.secret, ...codes, ...codes.map((c) => c.replace(/-/g, ''))])
      expect(dump).not.toContain(secret);

    // Re-authenticating with a code from the app works too (once per step): new recovery codes.
    const later = new Date(now.getTime() + 30_000);
    const fresh = await regenerateRecoveryCodes(kai, totpCodeAt(pending.secret, later), meta, later);
    expect(fresh).toHaveLength(10);
    expect(fresh).not.toContain(codes[0]);
    const login = nextMoment();
    const step = await beginSignIn('kai@talent.test', DEMO_PASSWORD_DEFAULT, meta, login);
    expect(step).toMatchObject({ ok: true, secondFactor: 'verify' });

    // Reset: a new secret replaces the old one once confirmed.
    await startTwoFactorSetup(kai, DEMO_PASSWORD_DEFAULT, meta);
    const replacement = (await twoFactorStatus(kai)).pending!;
    expect(replacement.secret).not.toBe(pending.secret);
    await confirmTwoFactorSetup(kai, totpCodeAt(replacement.secret, later), meta, later);

    await disableTwoFactor(kai, DEMO_PASSWORD_DEFAULT, meta);
    expect(await twoFactorStatus(kai)).toEqual({
      enabled: false,
      required: false,
      recoveryCodesLeft: 0,
      pending: null,
    });
    expect(await beginSignIn('kai@talent.test', DEMO_PASSWORD_DEFAULT, meta, nextMoment())).toMatchObject({
      ok: true,
      secondFactor: 'none',
    });
    const actions = (await auditSince(database.db, 0))
      .filter((e) => e.actorId === kai.id && e.outcome === 'allowed')
      .map((e) => e.action);
    for (const action of [
      'auth.two_factor_setup_started',
      'auth.two_factor_enrol',
      'auth.recovery_codes_regenerate',
      'auth.two_factor_reset',
      'auth.two_factor_disable',
    ]) {
      expect(actions).toContain(action);
    }
  });

  it('staff and admins cannot turn it off', async () => {
    const sam = await session('sam.lead@mmgroup.test');
    expect(await twoFactorStatus(sam)).toMatchObject({ enabled: true, required: true });
    await expectAppError(
      disableTwoFactor(sam, DEMO_PASSWORD_DEFAULT, meta),
      'invalid',
      'Two-factor authentication is required for your account.',
    );
    expect((await twoFactorStatus(sam)).enabled).toBe(true);
  });

  it('re-authentication is throttled like signing in', async () => {
    const brian = await session('brian@lumen.test');
    for (let i = 0; i < 8; i++)
      await expectAppError(startTwoFactorSetup(brian, `wrong-${i}`, { ...meta, ip: null }), 'invalid');
    await expectAppError(startTwoFactorSetup(brian, DEMO_PASSWORD_DEFAULT, meta), 'invalid', TOO_MANY_ATTEMPTS);
  });
});

describe('password reset', () => {
  it('answers an unknown address exactly like a real one, and sends nothing', async () => {
    const before = (await listOutbox()).length;
    await requestPasswordReset('nobody@mmgroup.test', meta);
    expect((await listOutbox()).length).toBe(before);
    const [event] = (await auditSince(database.db, 0))
      .filter((e) => e.action === 'auth.password_reset_request')
      .slice(-1);
    expect(event).toMatchObject({ outcome: 'denied', reason: 'unknown_account', actorId: null });
  });

  it('emails a single-use link; using it sets the password and ends every session; two-factor stays', async () => {
    const oscar = await session('oscar.other@mmgroup.test');
    await requestPasswordReset('  OSCAR.other@mmgroup.test ', meta);
    const email = await latestEmailTo('oscar.other@mmgroup.test');
    expect(email).toMatchObject({ subject: 'Set a new password for Clearance', sentAt: null });
    const token = linkIn(email!.text)!;
    expect(email!.text).toContain(`http://localhost:3000/sign-in/reset/${token}`);
    expect(JSON.stringify(await database.db.select().from(passwordResetTokens))).not.toContain(token);
    expect(await isOpenResetLink(token)).toBe(true);

    await resetPassword(token, 'a-brand-new-password', meta);
    expect(await alive(oscar)).toBe(false);
    expect(await isOpenResetLink(token)).toBe(false);
    await expectAppError(resetPassword(token, 'yet-another-password', meta), 'invalid', INVALID_RESET_LINK);
    const step = await beginSignIn('oscar.other@mmgroup.test', 'a-brand-new-password', meta, nextMoment());
    expect(step).toMatchObject({ ok: true, secondFactor: 'verify' });
    const audit = (await auditSince(database.db, 0)).filter((e) => e.action.startsWith('auth.password_reset'));
    expect(audit.map((e) => [e.action, e.outcome])).toEqual(
      expect.arrayContaining([
        ['auth.password_reset_request', 'allowed'],
        ['auth.password_reset', 'allowed'],
        ['auth.password_reset', 'denied'],
      ]),
    );
    expect(
      await session('oscar.other@mmgroup.test', { password: 'a-brand-new-password', secret: DEMO_TOTP_SECRET_DEFAULT }),
    ).toMatchObject({ email: 'oscar.other@mmgroup.test' });
  });

  it('a link expires after 30 minutes, and at most three are sent per hour', async () => {
    for (let i = 0; i < 4; i++) await requestPasswordReset('finn.finance@mmgroup.test', meta);
    const sent = (await listOutbox()).filter((e) => e.to === 'finn.finance@mmgroup.test');
    expect(sent).toHaveLength(3);
    const token = linkIn(sent[0]!.text)!;
    expect(await isOpenResetLink(token, new Date(Date.now() + 29 * 60_000))).toBe(true);
    expect(await isOpenResetLink(token, new Date(Date.now() + 31 * 60_000))).toBe(false);
    await expectAppError(
      resetPassword(token, 'too-late-password', meta, new Date(Date.now() + 31 * 60_000)),
      'invalid',
      INVALID_RESET_LINK,
    );
  });

  it('the development mailbox is closed in production unless CLEARANCE_DEV_MAILBOX=1', async () => {
    vi.stubEnv('NODE_ENV', 'production');
    try {
      expect(await listOutbox()).toEqual([]);
      vi.stubEnv('CLEARANCE_DEV_MAILBOX', '1');
      expect((await listOutbox()).length).toBeGreaterThan(0);
    } finally {
      vi.unstubAllEnvs();
    }
  });
});
