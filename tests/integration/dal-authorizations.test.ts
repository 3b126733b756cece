/**
 * Written authorizations and public association (docs/product.md §5, issue 4) through the data-access layer: staff ask
 * with the exact public words, the client signs by name or refuses, records are append-only (the app role can
 * neither update nor delete them), revoking takes the project off /portfolio at once, and zero public
 * association blocks requests and ends every public use.
 */
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '@/db/client';
import { authorizationRequests, authorizations, clientAccounts, privacyFlags } from '@/db/schema';
import { seedDemoWorld } from '@/db/seed/demo-world';
import type { Actor } from '@/lib/authz/types';
import { sha256Hex } from '@/lib/crypto/tokens';
import { getSignedRecordDocument } from '@/lib/dal/public-use/read-signed-record';
import { getProjectAuthorizations } from '@/lib/dal/public-use/get-project-authorizations';
import { getRequestForDecision } from '@/lib/dal/public-use/get-request-for-decision';
import { refuseAuthorization } from '@/lib/dal/public-use/refuse-authorization';
import { revokeAuthorization } from '@/lib/dal/public-use/revoke-authorization';
import { signAuthorization } from '@/lib/dal/public-use/sign-authorization';
import { requestAuthorization, ZERO_ASSOCIATION_MESSAGE } from '@/lib/dal/public-use/request-authorization';
import { getClientPermissions } from '@/lib/dal/clients/get-client-permissions';
import { demandZeroAssociation } from '@/lib/dal/clients/demand-zero-association';
import { withdrawZeroAssociation } from '@/lib/dal/clients/withdraw-zero-association';
import { listNotifications } from '@/lib/dal/notifications/list-notifications';
import { listPortfolio } from '@/lib/dal/projects/list-portfolio';
import { demoActors, meta, type DemoKey } from '../helpers/actors';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { auditSince, lastAuditId } from '../helpers/demo';
import { expectAppError } from '../helpers/expect';

let database: TestDatabase;
let actors: Record<DemoKey, Actor>;
let seeded: Awaited<ReturnType<typeof seedDemoWorld>>;

beforeAll(async () => {
  database = await createTestDatabase();
  seeded = await seedDemoWorld(database.db);
  actors = await demoActors(database.db);
});
afterAll(async () => database?.dispose());

const auroraRequest = (extra: Partial<Parameters<typeof requestAuthorization>[1]> = {}) => ({
  projectId: seeded.projects.aurora,
  kind: 'case_study' as const,
  publicTitle: 'Lumen launch, with Nova Reyes',
  publicSummary: 'How a creator-led launch reached a new audience.',
  ...extra,
});
const allRecords = () => database.db.select().from(authorizations).orderBy(authorizations.signedAt);

describe('the public portfolio', () => {
  it('shows exactly Nova’s approved title and summary, and nothing of Kai', async () => {
    const entries = await listPortfolio();
    expect(entries.map(({ title, summary }) => ({ title, summary }))).toEqual([
      { title: 'Nova Reyes × Lumen', summary: 'A launch campaign with Lumen Cosmetics. AURORA-PUBLIC-SUMMARY' },
    ]);
    expect(JSON.stringify(entries)).not.toMatch(/Kai|Borealis|AURORA-RATE/);
  });
});

describe('the public portfolio leaves a project out', () => {
  it('when its counterparty demands zero public association: the entry names the brand too, and no one may ask', async () => {
    const lumen = eq(clientAccounts.id, seeded.clients.lumen);
    await database.db.update(clientAccounts).set({ zeroPublicAssociation: true }).where(lumen);
    try {
      expect(await listPortfolio()).toEqual([]);
      await expectAppError(
        requestAuthorization(actors.sam, auroraRequest(), meta),
        'invalid',
        ZERO_ASSOCIATION_MESSAGE,
      );
    } finally {
      await database.db.update(clientAccounts).set({ zeroPublicAssociation: false }).where(lumen);
    }
    expect((await listPortfolio()).map((e) => e.title)).toEqual(['Nova Reyes × Lumen']);
  });

  it('when the person who signed it has since restricted processing or had their data erased', async () => {
    for (const flag of ['restricted', 'erased'] as const) {
      const [row] = await database.db
        .insert(privacyFlags)
        .values({ userId: seeded.userIds.nova, flag })
        .returning({ id: privacyFlags.id });
      try {
        expect(await listPortfolio()).toEqual([]);
      } finally {
        await database.db.update(privacyFlags).set({ liftedAt: new Date() }).where(eq(privacyFlags.id, row!.id));
      }
    }
    expect((await listPortfolio()).map((e) => e.title)).toEqual(['Nova Reyes × Lumen']);
  });
});

describe('requesting, signing and refusing', () => {
  it('staff who may know the client ask with the exact words; the client is told', async () => {
    const { id } = await requestAuthorization(actors.sam, auroraRequest(), meta);
    const [row] = await database.db.select().from(authorizationRequests).where(eq(authorizationRequests.id, id));
    expect(row?.text).toContain('under exactly this public title: "Lumen launch, with Nova Reyes"');
    expect(row?.textSha256).toBe(sha256Hex(row!.text));
    expect((await listNotifications(actors.nova))[0]).toMatchObject({
      kind: 'authorization.requested',
      href: `/projects/${seeded.projects.aurora}/authorizations/requests/${id}`,
    });
    // Finn has no identity scope: the text names the client, so he may not ask, and sees only the status.
    await expectAppError(requestAuthorization(actors.finn, auroraRequest(), meta), 'invalid', /client identity scope/);
    const finnView = await getProjectAuthorizations(actors.finn, seeded.projects.aurora);
    expect(finnView?.status.find((s) => s.kind === 'portfolio_use')?.state).toBe('in force');
    expect(finnView?.status.find((s) => s.kind === 'case_study')?.state).toBe('requested');
    expect(JSON.stringify(finnView)).not.toMatch(/Nova Reyes|AURORA-PUBLIC-SUMMARY|Lumen launch/);
    for (const key of ['nina', 'kai', 'brian', 'ada'] as const) {
      expect(await getProjectAuthorizations(actors[key], seeded.projects.aurora), key).toBeNull();
      await expectAppError(requestAuthorization(actors[key], auroraRequest(), meta), 'not_found');
    }
  });

  it('the client signs by typing their full name over the exact text they read; the record keeps it all', async () => {
    const view = await getProjectAuthorizations(actors.nova, seeded.projects.aurora);
    const request = view!.requests.find((r) => r.state === 'open')!;
    const decision = await getRequestForDecision(actors.nova, request.id);
    expect(decision).toMatchObject({ open: true, mayDecide: true, publicTitle: 'Lumen launch, with Nova Reyes' });
    expect(await getRequestForDecision(actors.brian, request.id)).toBeNull();
    await expectAppError(
      signAuthorization(
        actors.sam,
        { requestId: request.id, fullName: 'Sam Lead', textSha256: decision!.textSha256 },
        meta,
      ),
      'not_found',
    );
    await expectAppError(
      signAuthorization(
        actors.nova,
        { requestId: request.id, fullName: 'Nova R.', textSha256: decision!.textSha256 },
        meta,
      ),
      'invalid',
      /full name/,
    );
    await expectAppError(
      signAuthorization(
        actors.nova,
        { requestId: request.id, fullName: 'Nova Reyes', textSha256: '0'.repeat(64) },
        meta,
      ),
      'invalid',
      /text changed/,
    );

    const before = await lastAuditId(database.db);
    const { id } = await signAuthorization(
      actors.nova,
      { requestId: request.id, fullName: '  nova   reyes ', textSha256: decision!.textSha256 },
      meta,
    );
    const [record] = await database.db.select().from(authorizations).where(eq(authorizations.id, id));
    expect(record).toMatchObject({
      outcome: 'signed',
      signerName: 'Nova Reyes',
      signerUserId: actors.nova.id,
      ip: meta.ip,
      userAgent: meta.userAgent,
      signedText: decision!.text,
      signedTextSha256: decision!.textSha256,
      kind: 'case_study',
    });
    expect(await auditSince(database.db, before)).toMatchObject([
      { action: 'authorization.sign', outcome: 'allowed', targetId: id },
    ]);
    await expectAppError(
      signAuthorization(
        actors.nova,
        { requestId: request.id, fullName: 'Nova Reyes', textSha256: decision!.textSha256 },
        meta,
      ),
      'invalid',
      /already been answered/,
    );
    expect((await listNotifications(actors.sam))[0]).toMatchObject({
      kind: 'authorization.signed',
      title: 'Authorization signed: Case study for Aurora (Nova Reyes)',
    });

    // Both parties can download the signed record: the client and the lead; not Finn, not the admin.
    const document = await getSignedRecordDocument(actors.sam, id, meta);
    expect(document?.body).toContain(`SHA-256 of the text below: ${decision!.textSha256}`);
    expect(document?.body).toContain(decision!.text);
    expect(document?.body).toMatch(/Signed by: Nova Reyes[\s\S]*IP address: 203\.0\.113\.9[\s\S]*User agent: vitest/);
    expect(await getSignedRecordDocument(actors.nova, id, meta)).not.toBeNull();
    const beforeRefusals = await lastAuditId(database.db);
    expect(await getSignedRecordDocument(actors.finn, id, meta)).toBeNull();
    expect(await getSignedRecordDocument(actors.ada, id, meta)).toBeNull();
    // Refused downloads are on the record like any denied read.
    expect((await auditSince(database.db, beforeRefusals)).map((e) => [e.action, e.actorId, e.outcome])).toEqual([
      ['authorization.download', actors.finn.id, 'denied'],
      ['authorization.download', actors.ada.id, 'denied'],
    ]);
    // A case study is not a portfolio entry.
    expect((await listPortfolio()).map((e) => e.title)).toEqual(['Nova Reyes × Lumen']);
  });

  it('the client refuses with a reason; the refusal is a record of the text refused', async () => {
    const { id: requestId } = await requestAuthorization(
      actors.sam,
      auroraRequest({ kind: 'testimonial', publicTitle: 'Nova on Lumen' }),
      meta,
    );
    await expectAppError(refuseAuthorization(actors.brian, { requestId, reason: 'Not mine' }, meta), 'not_found');
    const { id } = await refuseAuthorization(actors.nova, { requestId, reason: 'No testimonials, please' }, meta);
    const [record] = await database.db.select().from(authorizations).where(eq(authorizations.id, id));
    expect(record).toMatchObject({
      outcome: 'refused',
      reason: 'No testimonials, please',
      publicTitle: null,
      signerName: 'Nova Reyes',
    });
    expect(record?.signedText).toContain('"Nova on Lumen"');
    expect(
      (await getProjectAuthorizations(actors.sam, seeded.projects.aurora))?.requests.find((r) => r.id === requestId)
        ?.state,
    ).toBe('refused');
    expect((await listNotifications(actors.sam))[0]?.kind).toBe('authorization.refused');
  });
});

describe('revocation, append-only', () => {
  it('revoking is a new record: the project leaves /portfolio on the next read, and nothing is overwritten', async () => {
    const before = await allRecords();
    const seedRecord = before.find((r) => r.kind === 'portfolio_use')!;
    await expectAppError(revokeAuthorization(actors.sam, { recordId: seedRecord.id, reason: 'x' }, meta), 'not_found');
    await expectAppError(
      revokeAuthorization(actors.brian, { recordId: seedRecord.id, reason: 'x' }, meta),
      'not_found',
    );
    const { id } = await revokeAuthorization(actors.nova, { recordId: seedRecord.id, reason: 'Campaign over' }, meta);
    expect(await listPortfolio()).toEqual([]);
    const after = await allRecords();
    // Every earlier record is exactly as it was; one record was added.
    expect(after.filter((r) => r.id !== id)).toEqual(before);
    expect(after.find((r) => r.id === id)).toMatchObject({
      outcome: 'revoked',
      revokesId: seedRecord.id,
      reason: 'Campaign over',
      signerName: 'Nova Reyes',
    });
    await expectAppError(
      revokeAuthorization(actors.nova, { recordId: seedRecord.id, reason: 'again' }, meta),
      'invalid',
    );
    const status = await getProjectAuthorizations(actors.finn, seeded.projects.aurora);
    expect(status?.status.find((s) => s.kind === 'portfolio_use')?.state).toBe('none');
  });

  it('the application role can neither update nor delete authorization records or requests', async () => {
    // The database's own message (drizzle wraps it as the error's cause).
    const failure = (promise: Promise<unknown>) =>
      promise.then(
        () => 'no error',
        (e: { message: string; cause?: { message?: string } }) => e.cause?.message ?? e.message,
      );
    const asApp = (userId: string, statement: ReturnType<typeof sql>) =>
      failure(
        database.db.transaction(async (tx) => {
          await tx.execute(
            sql`select set_config('app.user_id', ${userId}, true), set_config('role', 'clearance_app', true)`,
          );
          await tx.execute(statement);
        }),
      );
    for (const userId of [actors.nova.id, actors.ada.id]) {
      expect(await asApp(userId, sql`update authorizations set public_title = 'Changed'`)).toMatch(/permission denied/);
      expect(await asApp(userId, sql`delete from authorizations`)).toMatch(/permission denied/);
      expect(await asApp(userId, sql`update authorization_requests set public_title = 'Changed'`)).toMatch(
        /permission denied/,
      );
      expect(await asApp(userId, sql`delete from authorization_requests`)).toMatch(/permission denied/);
    }
    // Not even the owner of the tables, through the trigger.
    expect(await failure(database.db.execute(sql`update authorizations set reason = 'rewritten'`))).toMatch(
      /append-only/,
    );
    expect(await failure(database.db.execute(sql`delete from authorizations`))).toMatch(/append-only/);
    // Nor may anyone sign in someone else's name, or for another account.
    expect(
      await asApp(
        actors.brian.id,
        sql`insert into authorizations (client_account_id, kind, outcome, signed_text, signed_text_sha256, signer_user_id, signer_name, signed_at)
        values (${seeded.clients.nova}, 'portfolio_use', 'signed', 'forged', 'x', ${actors.brian.id}, 'Brian', now())`,
      ),
    ).toMatch(/row-level security/);
  });
});

describe('zero public association', () => {
  it('Kai’s demand blocks every request, with a clear message, in the application and in the database', async () => {
    const before = await lastAuditId(database.db);
    await expectAppError(
      requestAuthorization(actors.oscar, { ...auroraRequest(), projectId: seeded.projects.borealis }, meta),
      'invalid',
      ZERO_ASSOCIATION_MESSAGE,
    );
    expect(await auditSince(database.db, before)).toMatchObject([
      { action: 'authorization.request', outcome: 'denied', reason: 'zero_public_association' },
    ]);
    const oscar = await getProjectAuthorizations(actors.oscar, seeded.projects.borealis);
    expect(oscar).toMatchObject({
      zeroPublicAssociation: true,
      mayRequest: false,
      requestBlocked: ZERO_ASSOCIATION_MESSAGE,
    });
    const raw = database.db.transaction(async (tx) => {
      await tx.execute(
        sql`select set_config('app.user_id', ${actors.oscar.id}, true), set_config('role', 'clearance_app', true)`,
      );
      await tx.insert(authorizationRequests).values({
        clientAccountId: seeded.clients.kai,
        projectId: seeded.projects.borealis,
        kind: 'portfolio_use',
        publicTitle: 'x',
        publicSummary: 'y',
        text: 't',
        textSha256: 'h',
        requestedBy: actors.oscar.id,
      });
    });
    await expect(raw).rejects.toThrow();
    const kai = await getClientPermissions(actors.kai);
    expect(kai[0]).toMatchObject({
      zeroPublicAssociation: true,
      records: [{ kind: 'zero_public_association', outcome: 'signed', inForce: true }],
    });
  });

  it('Nova’s demand ends every public use at once, by records; withdrawing it brings none back', async () => {
    const { id: requestId } = await requestAuthorization(
      actors.sam,
      auroraRequest({ kind: 'portfolio_use', publicTitle: 'Aurora, second season' }),
      meta,
    );
    const decision = await getRequestForDecision(actors.nova, requestId);
    await signAuthorization(actors.nova, { requestId, fullName: 'Nova Reyes', textSha256: decision!.textSha256 }, meta);
    const { id: pendingId } = await requestAuthorization(actors.sam, auroraRequest({ kind: 'public_reference' }), meta);
    expect((await listPortfolio()).map((e) => e.title)).toEqual(['Aurora, second season']);

    await expectAppError(
      demandZeroAssociation(actors.nova, { clientAccountId: seeded.clients.nova, fullName: 'Someone Else' }, meta),
      'invalid',
      /full name/,
    );
    await expectAppError(
      demandZeroAssociation(actors.brian, { clientAccountId: seeded.clients.nova, fullName: 'Brian Lumen' }, meta),
      'not_found',
    );
    const { ended } = await demandZeroAssociation(
      actors.nova,
      { clientAccountId: seeded.clients.nova, fullName: 'Nova Reyes' },
      meta,
    );
    expect(ended).toBe(2); // the case study and the second portfolio entry
    expect(await listPortfolio()).toEqual([]);
    await expectAppError(requestAuthorization(actors.sam, auroraRequest(), meta), 'invalid', ZERO_ASSOCIATION_MESSAGE);
    expect(await getRequestForDecision(actors.nova, pendingId)).toMatchObject({ mayDecide: false, blocked: true });
    await expectAppError(
      signAuthorization(
        actors.nova,
        { requestId: pendingId, fullName: 'Nova Reyes', textSha256: decision!.textSha256 },
        meta,
      ),
      'invalid',
      /zero public association/,
    );
    const permissions = (await getClientPermissions(actors.nova))[0]!;
    expect(permissions.records.filter((r) => r.inForce).map((r) => r.kind)).toEqual(['zero_public_association']);

    await withdrawZeroAssociation(actors.nova, { clientAccountId: seeded.clients.nova, fullName: 'Nova Reyes' }, meta);
    expect(await listPortfolio()).toEqual([]);
    const zeroRecords = (await allRecords()).filter(
      (r) => r.kind === 'zero_public_association' && r.clientAccountId === seeded.clients.nova,
    );
    expect(zeroRecords.map((r) => r.outcome)).toEqual(['signed', 'revoked']);
    const counts = rowsOf<{ n: number }>(
      await database.db.execute(sql`select count(*)::int as n from authorizations where outcome = 'revoked'`),
    );
    expect(counts[0]!.n).toBe(4);
  });
});
