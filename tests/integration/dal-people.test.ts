/**
 * People through the data-access layer: invitations (single use, expiring, invitation-only accounts),
 * password sign-in with server-side sessions, disabling a user, and the admin's audit log (codenames and
 * item references only, docs/product.md §4).
 */
import { count, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { clientAccountMembers, invitations, outboxEmails, sessions, userPasswords, users } from '@/db/schema';
import { DEMO_CANARIES, DEMO_PASSWORD_DEFAULT, seedDemoWorld } from '@/db/seed/demo-world';
import type { Actor } from '@/lib/authz/types';
import { listAuditEvents } from '@/lib/dal/audit/list-audit-events';
import { listAuditFilterOptions } from '@/lib/dal/audit/list-audit-filter-options';
import { inviteUser } from '@/lib/dal/people/invite-user';
import { listPeople } from '@/lib/dal/people/list-people';
import { setUserDisabled } from '@/lib/dal/people/set-user-disabled';
import { acceptInvitation } from '@/lib/dal/people/accept-invitation';
import { findOpenInvitation, INVALID_INVITATION } from '@/lib/dal/people/find-open-invitation';
import { readItem } from '@/lib/dal/items/read-item';
import { listVisibleProjects } from '@/lib/dal/projects/list-visible-projects';
import { loadSessionUser } from '@/lib/dal/account/read-session-user';
import { beginSignIn } from '@/lib/dal/sign-in/begin-sign-in';
import { actorFor, demoActors, meta, type DemoKey } from '../helpers/actors';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { auditSince, itemIdsByCanary, lastAuditId, SEES, type Canary } from '../helpers/demo';
import { expectAppError } from '../helpers/expect';
import { signInThroughSteps } from '../helpers/sign-in';
import { opened } from '../helpers/outbox';

// lib/dal/session.ts imports the Auth.js wrapper for getSessionUser(); next-auth cannot load outside Next.js.
// loadSessionUser, tested here, does not use it.
vi.mock('@/auth', () => ({ auth: async () => null }));

const DAY = 86_400_000;
const PASSWORD = 'correct horse battery staple 7';

let database: TestDatabase;
let actors: Record<DemoKey, Actor>;
let ids: Record<Canary, string>;
let kaiAccount: string;

beforeAll(async () => {
  database = await createTestDatabase();
  const seeded = await seedDemoWorld(database.db);
  kaiAccount = seeded.clients.kai;
  actors = await demoActors(database.db);
  ids = await itemIdsByCanary(database.db);
});

afterAll(async () => {
  await database?.dispose();
});

const usersWithEmail = async (email: string) =>
  Number(
    (
      await database.db
        .select({ n: count() })
        .from(users)
        .where(eq(sql`lower(${users.email})`, email.toLowerCase()))
    )[0]!.n,
  );
const sessionCount = async () => Number((await database.db.select({ n: count() }).from(sessions))[0]!.n);

describe('invitations', () => {
  it('an invitation is emailed through the outbox with its link, once (issue 16)', async () => {
    const { token } = await inviteUser(
      actors.ada,
      { email: 'otto.outbox@mmgroup.test', name: 'Otto Outbox', role: 'staff' },
      meta,
    );
    const mails = opened(
      await database.db.select().from(outboxEmails).where(eq(outboxEmails.to, 'otto.outbox@mmgroup.test')),
    );
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toBe('Your invitation to Clearance');
    expect(mails[0]!.text).toContain('Hello Otto Outbox');
    expect(mails[0]!.text).toContain(`/invite/${token}`);
  });

  it('the people list names client users by codename and gives no client email (issue 16)', async () => {
    const people = await listPeople(actors.ada);
    const clients = people.filter((p) => p.role === 'client');
    expect(clients.length).toBeGreaterThan(0);
    for (const c of clients) expect(c.email).toBeNull();
    expect(people.find((p) => p.id === actors.sam.id)?.email).toBe('sam.lead@mmgroup.test');
    expect(JSON.stringify(people)).not.toMatch(/@talent\.test|@lumen\.test/);
  });

  it('an invitation is found by its token, accepted once, and its password signs in', async () => {
    const { token } = await inviteUser(
      actors.ada,
      { email: 'nell.new@mmgroup.test', name: 'Nell New', role: 'staff' },
      meta,
    );
    expect(token).toEqual(expect.any(String));
    expect(token.length).toBeGreaterThanOrEqual(32);
    expect(JSON.stringify(await database.db.select().from(invitations))).not.toContain(token);
    expect(await findOpenInvitation(token)).toMatchObject({
      email: 'nell.new@mmgroup.test',
      name: 'Nell New',
      role: 'staff',
    });

    const before = await lastAuditId(database.db);
    await acceptInvitation(token, PASSWORD, meta);
    const [user] = await database.db.select().from(users).where(eq(users.email, 'nell.new@mmgroup.test'));
    expect(user).toMatchObject({ name: 'Nell New', role: 'staff', disabledAt: null });
    const [password] = await database.db.select().from(userPasswords).where(eq(userPasswords.userId, user!.id));
    expect(password!.passwordHash).toMatch(/^\$argon2id\$/);
    expect(password!.passwordHash).not.toContain(PASSWORD);
    expect(await auditSince(database.db, before)).toMatchObject([
      { action: 'user.accept_invitation', outcome: 'allowed', actorId: user!.id },
    ]);
    expect(await findOpenInvitation(token)).toBeNull();

    // A staff account: the right password leads on to enrolling two-factor (tests/integration/dal-sign-in.test.ts).
    expect(await beginSignIn('Nell.New@mmgroup.test', PASSWORD, meta)).toMatchObject({
      ok: true,
      secondFactor: 'enrol',
    });

    await expectAppError(acceptInvitation(token, 'another password 123', meta), 'invalid', INVALID_INVITATION);
    expect(await usersWithEmail('nell.new@mmgroup.test')).toBe(1);
    expect(await beginSignIn('nell.new@mmgroup.test', 'another password 123', meta)).toMatchObject({ ok: false });
  });

  it('two simultaneous accepts of one invitation create one account', async () => {
    const { token } = await inviteUser(
      actors.ada,
      { email: 'twice.tom@mmgroup.test', name: 'Twice Tom', role: 'staff' },
      meta,
    );
    const results = await Promise.allSettled([
      acceptInvitation(token, PASSWORD, meta),
      acceptInvitation(token, `${PASSWORD}!`, meta),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    const refused = results.find((r): r is PromiseRejectedResult => r.status === 'rejected')!;
    expect(refused.reason).toMatchObject({ code: 'invalid', message: INVALID_INVITATION });
    expect(await usersWithEmail('twice.tom@mmgroup.test')).toBe(1);
  });

  it('an expired invitation is refused and creates no account', async () => {
    const { token } = await inviteUser(
      actors.ada,
      { email: 'late.larry@contractor.test', name: 'Late Larry', role: 'contractor' },
      meta,
    );
    const later = new Date(Date.now() + 8 * DAY);
    expect(await findOpenInvitation(token)).not.toBeNull();
    expect(await findOpenInvitation(token, later)).toBeNull();
    await expectAppError(acceptInvitation(token, PASSWORD, meta, later), 'invalid', INVALID_INVITATION);
    expect(await usersWithEmail('late.larry@contractor.test')).toBe(0);
  });

  it('an unknown token is refused with the same message', async () => {
    expect(await findOpenInvitation('not-a-real-token')).toBeNull();
    await expectAppError(acceptInvitation('not-a-real-token', PASSWORD, meta), 'invalid', INVALID_INVITATION);
  });

  it('someone who already has an account cannot be invited again', async () => {
    const before = Number((await database.db.select({ n: count() }).from(invitations))[0]!.n);
    await expectAppError(
      inviteUser(actors.ada, { email: 'SAM.LEAD@mmgroup.test', name: 'Sam Again', role: 'staff' }, meta),
      'invalid',
      'Someone with this email already has an account.',
    );
    expect(Number((await database.db.select({ n: count() }).from(invitations))[0]!.n)).toBe(before);
  });

  it('a client invitation needs a client account, and makes the new user a member of it', async () => {
    await expectAppError(
      inviteUser(actors.ada, { email: 'kim.kai@talent.test', name: 'Kim Manager', role: 'client' }, meta),
      'invalid',
    );
    const { token } = await inviteUser(
      actors.ada,
      { email: 'kim.kai@talent.test', name: 'Kim Manager', role: 'client', clientAccountId: kaiAccount },
      meta,
    );
    await acceptInvitation(token, PASSWORD, meta);
    const kim = await actorFor(database.db, 'kim.kai@talent.test');
    expect(kim).toMatchObject({ role: 'client', clientAccountIds: [kaiAccount] });
    expect(
      await database.db.select().from(clientAccountMembers).where(eq(clientAccountMembers.userId, kim.id)),
    ).toHaveLength(1);
    expect((await listVisibleProjects(kim)).map((p) => [p.codename, p.clientName])).toEqual([
      ['Borealis', 'Kai Storm'],
    ]);
    expect((await readItem(kim, ids['BOREALIS-RATE'], meta))?.title).toContain('BOREALIS-RATE');
    expect(await readItem(kim, ids['AURORA-SCRIPT-V2'], meta)).toBeNull();
  });
});

describe('signing in', () => {
  it('the right password opens a server-side session that identifies the user', async () => {
    const before = await lastAuditId(database.db);
    const session = await signInThroughSteps('sam.lead@mmgroup.test', meta);
    expect(session).toMatchObject({ userId: actors.sam.id, sessionId: expect.any(String) });
    expect(await auditSince(database.db, before)).toMatchObject([
      { action: 'auth.password_verified', outcome: 'allowed', actorId: actors.sam.id, ip: meta.ip },
      { action: 'auth.two_factor', outcome: 'allowed', actorId: actors.sam.id, ip: meta.ip },
      { action: 'auth.sign_in', outcome: 'allowed', actorId: actors.sam.id, ip: meta.ip },
    ]);
    expect(await loadSessionUser(session!.sessionId)).toMatchObject({
      id: actors.sam.id,
      role: 'staff',
      email: 'sam.lead@mmgroup.test',
      disabled: false,
    });
    expect(await loadSessionUser('no-such-session')).toBeNull();

    // A client's session carries their client accounts: that is what opens their own projects to them.
    const novaSession = await signInThroughSteps('nova@talent.test', meta);
    const novaUser = await loadSessionUser(novaSession!.sessionId);
    expect(novaUser).toMatchObject({
      id: actors.nova.id,
      role: 'client',
      clientAccountIds: actors.nova.clientAccountIds,
    });
    expect((await listVisibleProjects(novaUser!)).map((p) => p.codename)).toEqual(['Aurora']);
  });

  it.each([
    ['a wrong password', 'sam.lead@mmgroup.test', 'wrong-password', 'bad_password', 'sam'],
    ['an unknown email', 'nobody@mmgroup.test', DEMO_PASSWORD_DEFAULT, 'unknown_account', null],
  ] as const)('%s is refused, opens no session and is audited as denied', async (_, email, password, reason, who) => {
    const [before, sessionsBefore] = [await lastAuditId(database.db), await sessionCount()];
    expect(await beginSignIn(email, password, meta)).toEqual({ ok: false, locked: false, delayMs: 0 });
    expect(await sessionCount()).toBe(sessionsBefore);
    const actorId = who ? actors[who].id : null;
    expect(await auditSince(database.db, before)).toMatchObject([
      { action: 'auth.sign_in', outcome: 'denied', reason, actorId, ip: meta.ip },
    ]);
  });

  it('disabling a user ends their sessions at once and refuses their next sign-in', async () => {
    const first = await signInThroughSteps('finn.finance@mmgroup.test', meta);
    const second = await signInThroughSteps('finn.finance@mmgroup.test', meta);
    expect(await loadSessionUser(first!.sessionId)).toMatchObject({ id: actors.finn.id });

    await expectAppError(setUserDisabled(actors.ada, { userId: actors.ada.id, disabled: true }, meta), 'invalid');
    await setUserDisabled(actors.ada, { userId: actors.finn.id, disabled: true }, meta);
    expect(await loadSessionUser(first!.sessionId)).toBeNull();
    expect(await loadSessionUser(second!.sessionId)).toBeNull();
    const finnSessions = await database.db.select().from(sessions).where(eq(sessions.userId, actors.finn.id));
    expect(finnSessions).toHaveLength(2);
    for (const s of finnSessions) expect(s.revokedAt).not.toBeNull();

    const [before, sessionsBefore] = [await lastAuditId(database.db), await sessionCount()];
    expect(await beginSignIn('finn.finance@mmgroup.test', DEMO_PASSWORD_DEFAULT, meta)).toMatchObject({ ok: false });
    expect(await sessionCount()).toBe(sessionsBefore);
    expect(await auditSince(database.db, before)).toMatchObject([
      { action: 'auth.sign_in', outcome: 'denied', reason: 'disabled', actorId: actors.finn.id, ip: meta.ip },
    ]);

    // Enabling again does not bring the old sessions back; a new sign-in works.
    await setUserDisabled(actors.ada, { userId: actors.finn.id, disabled: false }, meta);
    expect(await loadSessionUser(first!.sessionId)).toBeNull();
    const fresh = await signInThroughSteps('finn.finance@mmgroup.test', meta);
    expect(await loadSessionUser(fresh!.sessionId)).toMatchObject({ id: actors.finn.id });
  });
});

describe('the audit log for the admin', () => {
  it('names projects by codename, items by category and reference, clients by codename', async () => {
    for (const canary of DEMO_CANARIES) {
      await readItem(actors.kai, ids[canary], meta);
      await readItem(actors.nova, ids[canary], meta);
    }
    await signInThroughSteps('kai@talent.test', meta);
    await beginSignIn('nova@talent.test', 'wrong', meta);

    const all = await listAuditEvents(actors.ada, {});
    const kai = await listAuditEvents(actors.ada, { actorId: actors.kai.id });
    const nova = await listAuditEvents(actors.ada, { actorId: actors.nova.id });
    const options = await listAuditFilterOptions(actors.ada);

    expect(kai.length).toBeGreaterThanOrEqual(DEMO_CANARIES.length + 1);
    for (const e of kai) expect(e.actor).toBe('Client Orion (client)');
    for (const e of nova) expect(e.actor).toBe('Client Vega (client)');
    const kaiReads = kai.filter((e) => e.action === 'item.read');
    expect(kaiReads).toHaveLength(DEMO_CANARIES.length);
    for (const e of kaiReads)
      expect(e.target).toMatch(/^(Deal terms|Logistics|Creative|Communications|Credentials) item #\d+$/);
    expect(kaiReads.filter((e) => e.outcome === 'allowed').map((e) => e.project)).toEqual([
      'Borealis',
      'Borealis',
      'Borealis',
    ]);
    expect(
      kaiReads.some((e) => /^Deal terms item #\d+$/.test(e.target) && e.project === 'Aurora' && e.outcome === 'denied'),
    ).toBe(true);
    expect(nova.filter((e) => e.action === 'item.read' && e.outcome === 'allowed')).toHaveLength(SEES.nova.length);
    expect(nova.find((e) => e.action === 'auth.sign_in')).toMatchObject({
      outcome: 'denied',
      target: 'Client Vega (client)',
    });

    const text = JSON.stringify([all, kai, nova, options]);
    for (const secret of [
      ...DEMO_CANARIES,
      'Kai Storm',
      'Nova Reyes',
      'Lumen Cosmetics',
      'Brian Lumen',
      'Kim Manager',
    ]) {
      expect(text, `audit log must not contain ${secret}`).not.toContain(secret);
    }
  });
});
