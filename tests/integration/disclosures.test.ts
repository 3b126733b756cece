/**
 * The disclosure register through the data-access layer and the database (issue 15 points 1-3): sharing an item
 * with the counterparty records a disclosure in the same transaction; admins keep the register, the owning client
 * reads what is about them, nobody else anything; a gagged legal disclosure is hidden from the client by row-level
 * security and by the SQL of every list (the export's included) until an admin lifts it or its date passes, each
 * withholding audited in an event the client cannot read; lifting, and a legal disclosure the client may know of,
 * tell the client in the app and by email.
 */
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf, type Tx } from '@/db/client';
import { auditEvents, disclosures, notifications, outboxEmails } from '@/db/schema';
import { seedDemoWorld } from '@/db/seed/demo-world';
import type { Actor } from '@/lib/authz/types';
import { liftDisclosureGag } from '@/lib/dal/disclosures/lift-gag';
import { listDisclosureRecipients } from '@/lib/dal/disclosures/list-disclosure-recipients';
import { listDisclosures } from '@/lib/dal/disclosures/list-disclosures';
import { listSharedWith } from '@/lib/dal/disclosures/list-shared-with';
import { recipientsForSubject } from '@/lib/dal/disclosures/recipients-for-subject';
import { recordDisclosure, type RecordDisclosureInput } from '@/lib/dal/disclosures/record-disclosure';
import { tellEndedGags } from '@/lib/dal/disclosures/tell-ended-gags';
import { classifyItem } from '@/lib/dal/items/classify-item';
import { createItem } from '@/lib/dal/items/create-item';
import { withActor } from '@/lib/dal/transaction';
import { demoActors, meta, type DemoKey } from '../helpers/actors';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
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

/** Runs `work` as the application role acting as `userId`, then rolls back. */
async function asApp<T>(userId: string, work: (tx: Tx) => Promise<T>): Promise<T> {
  let result: T | undefined;
  const ROLLBACK = new Error('rollback');
  await database.db
    .transaction(async (tx) => {
      await tx.execute(
        sql`select set_config('app.user_id', ${userId}, true), set_config('role', 'clearance_app', true)`,
      );
      result = await work(tx);
      throw ROLLBACK;
    })
    .catch((error: unknown) => {
      if (error !== ROLLBACK) throw error;
    });
  return result as T;
}
const seesRow = (userId: string, id: string) =>
  asApp(
    userId,
    async (tx) =>
      rowsOf<{ n: number }>(await tx.execute(sql`select count(*)::int as n from disclosures where id = ${id}`))[0]!.n,
  );
const countAs = (userId: string) =>
  asApp(
    userId,
    async (tx) => rowsOf<{ n: number }>(await tx.execute(sql`select count(*)::int as n from disclosures`))[0]!.n,
  );

const subpoena = (over: Partial<RecordDisclosureInput> = {}): RecordDisclosureInput => ({
  clientAccountId: seeded.clients.nova,
  projectId: seeded.projects.aurora,
  recipientKind: 'authority',
  recipientName: 'Metropolitan Police',
  country: 'GB',
  dataCategories: ['identity_contact', 'logistics'],
  itemRefs: [],
  purpose: 'Compliance with a subpoena in a criminal investigation',
  lawfulBasis: 'legal_obligation',
  transferSafeguard: null,
  instrument: 'subpoena',
  instrumentReference: 'SUB-2026-114',
  gagged: true,
  gagUntil: null,
  disclosedAt: new Date(),
  ...over,
});

describe('the register of the demo world', () => {
  it('holds the vendor and the two counterparty shares the seed made; Nova reads all three, with Lumen by name', async () => {
    const register = (await listDisclosures(actors.ada))!;
    // Admins see a brand by its account's codename (docs/product.md §4: real names on the client-account pages only).
    expect(register.map((d) => `${d.recipientKind}: ${d.recipientName}`).sort()).toEqual([
      'brand_partner: Brand Lyra',
      'brand_partner: Brand Lyra',
      'vendor: Skyline Travel Desk',
    ]);
    const shared = await listSharedWith(actors.nova);
    expect(shared).toHaveLength(3);
    expect(shared.filter((d) => d.recipientKind === 'brand_partner').map((d) => d.recipientName)).toEqual([
      'Lumen Cosmetics',
      'Lumen Cosmetics',
    ]);
    expect(shared.find((d) => d.recipientKind === 'vendor')).toMatchObject({
      country: 'US',
      transferSafeguard: 'standard_contractual_clauses',
      lawfulBasis: 'contract',
    });
  });

  it('nobody else reads any of it: not the lead, the brand, another client or staff (in SQL and under row-level security)', async () => {
    for (const key of ['sam', 'finn', 'cora', 'nina', 'oscar', 'kai', 'brian'] as const) {
      expect(await countAs(actors[key].id), key).toBe(0);
      expect(await listSharedWith(actors[key]), key).toEqual([]);
      expect(await listDisclosures(actors[key]), key).toBeNull();
    }
    expect(await countAs(actors.ada.id)).toBe(3);
  });
});

describe('sharing an item with the counterparty', () => {
  it('records a brand-partner disclosure in the sharing transaction: the item by reference, its category, the lead as approver', async () => {
    const item = seeded.items['AURORA-SHOOT-SCHEDULE']!;
    await classifyItem(
      actors.sam,
      { itemId: item, classification: 'confidential', sharedWithCounterparty: true },
      meta,
    );
    const [row] = await database.db
      .select()
      .from(disclosures)
      .where(and(eq(disclosures.source, 'counterparty_share'), sql`${item} = any(${disclosures.itemIds})`));
    expect(row).toMatchObject({
      recipientKind: 'brand_partner',
      recipientAccountId: seeded.clients.lumen,
      clientAccountId: seeded.clients.nova,
      projectId: seeded.projects.aurora,
      dataCategories: ['logistics'],
      lawfulBasis: 'contract',
      approvedBy: actors.sam.id,
    });
    expect(
      (await listSharedWith(actors.nova)).some(
        (d) => d.items.some((ref) => ref.startsWith('Logistics item #')) && d.recipientKind === 'brand_partner',
      ),
    ).toBe(true);
    // Sharing it again changes nothing; only a new share (after unsharing) is a new disclosure.
    const before = (await database.db.select().from(disclosures)).length;
    await classifyItem(
      actors.sam,
      { itemId: item, classification: 'confidential', sharedWithCounterparty: true },
      meta,
    );
    expect((await database.db.select().from(disclosures)).length).toBe(before);
  });

  it('a new item created shared is recorded too; one not shared is not', async () => {
    const before = (await database.db.select().from(disclosures)).length;
    await createItem(
      actors.sam,
      {
        projectId: seeded.projects.aurora,
        category: 'creative',
        classification: 'confidential',
        sharedWithCounterparty: false,
        title: 'Moodboard',
        body: 'Internal.',
        allowlistUserIds: [],
      },
      meta,
    );
    expect((await database.db.select().from(disclosures)).length).toBe(before);
    const { id } = await createItem(
      actors.sam,
      {
        projectId: seeded.projects.aurora,
        category: 'creative',
        classification: 'confidential',
        sharedWithCounterparty: true,
        title: 'Brand brief',
        body: 'For Lumen.',
        allowlistUserIds: [],
      },
      meta,
    );
    const rows = await database.db
      .select()
      .from(disclosures)
      .where(sql`${id} = any(${disclosures.itemIds})`);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.dataCategories).toEqual(['creative']);
  });

  it('a refused share records nothing (the record lives and dies with the share)', async () => {
    const before = (await database.db.select().from(disclosures)).length;
    await expectAppError(
      classifyItem(
        actors.finn,
        { itemId: seeded.items['AURORA-RATE-250K']!, classification: 'confidential', sharedWithCounterparty: true },
        meta,
      ),
      ['invalid', 'not_found'],
    );
    expect((await database.db.select().from(disclosures)).length).toBe(before);
  });
});

describe('legal disclosures and gags', () => {
  it('a gagged subpoena is hidden from Nova in SQL, under row-level security and in her export, and each withholding is audited where she cannot read it', async () => {
    const { id } = await recordDisclosure(actors.ada, subpoena(), meta);
    expect((await listDisclosures(actors.ada))!.some((d) => d.id === id)).toBe(true);
    expect((await listDisclosures(actors.ada, { state: 'withheld' }))!.map((d) => d.id)).toEqual([id]);
    expect(await seesRow(actors.nova.id, id)).toBe(0);
    expect(await seesRow(actors.ada.id, id)).toBe(1);
    expect((await listSharedWith(actors.nova)).some((d) => d.id === id)).toBe(false);
    // Nothing told her: no notification, no email.
    expect(
      await database.db
        .select()
        .from(notifications)
        .where(and(eq(notifications.userId, actors.nova.id), eq(notifications.kind, 'disclosure.legal'))),
    ).toEqual([]);
    // The withholding is on record for admins…
    const withheld = await database.db.select().from(auditEvents).where(eq(auditEvents.action, 'disclosure.withheld'));
    expect(withheld.length).toBeGreaterThanOrEqual(1);
    expect(withheld.at(-1)).toMatchObject({
      actorId: null,
      projectId: null,
      targetId: seeded.clients.nova,
      outcome: 'denied',
    });
    expect(withheld.at(-1)!.details).toMatchObject({
      subject: actors.nova.id,
      via: 'shared_with',
      disclosureIds: [id],
    });
    // …and not for her: neither that event nor the recording's (it names no project).
    const herEvents = await asApp(actors.nova.id, async (tx) =>
      rowsOf<{ action: string }>(
        await tx.execute(sql`select action from audit_events where action like 'disclosure.%' or target_id = ${id}`),
      ),
    );
    expect(herEvents).toEqual([]);
    // The access export, built by an admin who reads the whole register, leaves it out and audits that too.
    const recipients = await withActor(actors.ada, ({ tx }) => recipientsForSubject(tx, { userId: actors.nova.id }));
    expect(recipients.map((r) => r.recipient)).not.toContain('Metropolitan Police');
    expect(recipients.map((r) => r.recipient)).toContain('Skyline Travel Desk');
    expect(
      (await database.db.select().from(auditEvents).where(eq(auditEvents.action, 'disclosure.withheld'))).at(-1)!
        .details,
    ).toMatchObject({ via: 'export' });
    // The processing register's recipients leave gagged records out unless asked.
    const open = await withActor(actors.ada, ({ tx }) => listDisclosureRecipients(tx));
    expect(open.some((r) => r.recipientName === 'Metropolitan Police')).toBe(false);
    const all = await withActor(actors.ada, ({ tx }) => listDisclosureRecipients(tx, { includeWithheld: true }));
    expect(all.find((r) => r.recipientName === 'Metropolitan Police')).toMatchObject({
      recipientKind: 'authority',
      country: 'GB',
      abroad: false,
    });
    expect(all.find((r) => r.recipientName === 'Skyline Travel Desk')).toMatchObject({
      abroad: true,
      transferSafeguards: ['standard_contractual_clauses'],
    });

    // Lifted: she sees it, and is told in the app and by email.
    await liftDisclosureGag(actors.ada, { disclosureId: id }, meta);
    expect(await seesRow(actors.nova.id, id)).toBe(1);
    expect((await listSharedWith(actors.nova)).find((d) => d.id === id)).toMatchObject({
      recipientName: 'Metropolitan Police',
      instrument: 'subpoena',
      instrumentReference: 'SUB-2026-114',
    });
    expect(
      await database.db
        .select()
        .from(notifications)
        .where(and(eq(notifications.userId, actors.nova.id), eq(notifications.kind, 'disclosure.gag_lifted'))),
    ).toHaveLength(1);
    expect(
      (await database.db.select().from(outboxEmails)).some(
        (e) => e.to === 'nova@talent.test' && /may now be told of a disclosure/.test(e.subject),
      ),
    ).toBe(true);
    // Once: a lifted gag is not lifted again, and nothing else about the record changes.
    await expectAppError(liftDisclosureGag(actors.ada, { disclosureId: id }, meta), 'invalid');
    const auditedBefore = (
      await database.db.select().from(auditEvents).where(eq(auditEvents.action, 'disclosure.withheld'))
    ).length;
    await listSharedWith(actors.nova);
    expect(
      (await database.db.select().from(auditEvents).where(eq(auditEvents.action, 'disclosure.withheld'))).length,
    ).toBe(auditedBefore);
  });

  it('a gag whose date has passed no longer hides the record', async () => {
    const [row] = await database.db
      .insert(disclosures)
      .values({
        recipientKind: 'authority',
        recipientName: 'Court of Appeal',
        country: 'GB',
        clientAccountId: seeded.clients.nova,
        dataCategories: ['deal_terms'],
        purpose: 'Court order',
        lawfulBasis: 'legal_obligation',
        instrument: 'court_order',
        instrumentReference: 'CO-1',
        gagged: true,
        gagUntil: new Date(Date.now() - 60_000),
        approvedBy: actors.ada.id,
      })
      .returning({ id: disclosures.id });
    expect(await seesRow(actors.nova.id, row!.id)).toBe(1);
    expect((await listSharedWith(actors.nova)).some((d) => d.id === row!.id)).toBe(true);
    // The scheduled work tells her, once.
    const toldBefore = (
      await database.db
        .select()
        .from(notifications)
        .where(and(eq(notifications.userId, actors.nova.id), eq(notifications.kind, 'disclosure.gag_lifted')))
    ).length;
    expect(await tellEndedGags(actors.ada)).toEqual({ gagsEnded: 1 });
    expect(await tellEndedGags(actors.ada)).toEqual({ gagsEnded: 0 });
    const told = await database.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, actors.nova.id), eq(notifications.kind, 'disclosure.gag_lifted')));
    expect(told).toHaveLength(toldBefore + 1);
    expect(told.some((n) => /Court of Appeal/.test(n.title))).toBe(true);
  });

  it('a legal disclosure the law lets the client know of tells Nova at once', async () => {
    const { id } = await recordDisclosure(
      actors.ada,
      subpoena({
        gagged: false,
        recipientName: 'Tax Office',
        instrument: 'lawful_request',
        instrumentReference: 'TAX-7',
      }),
      meta,
    );
    expect(await seesRow(actors.nova.id, id)).toBe(1);
    const told = await database.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, actors.nova.id), eq(notifications.kind, 'disclosure.legal')));
    expect(told).toHaveLength(1);
    expect(told[0]!.title).toMatch(/Tax Office/);
    expect(
      (await database.db.select().from(outboxEmails)).some(
        (e) => e.to === 'nova@talent.test' && /Tax Office/.test(e.subject),
      ),
    ).toBe(true);
  });
});

describe('the database restates the rules', () => {
  const refused = async (userId: string, statement: ReturnType<typeof sql>) =>
    asApp(userId, async (tx) => {
      try {
        await tx.execute(sql`savepoint s`);
        await tx.execute(statement);
        return 'ok';
      } catch {
        await tx.execute(sql`rollback to savepoint s`);
        return 'refused';
      }
    });
  const insert = (
    approvedBy: string,
    over = sql``,
  ) => sql`insert into disclosures (recipient_kind, recipient_name, client_account_id, data_categories, purpose, lawful_basis, approved_by ${over})
    values ('vendor', 'Acme', ${seeded.clients.nova}, '{usage_data}', 'Hosting', 'contract', ${approvedBy})`;

  it('only an admin records, in their own name; staff and clients cannot', async () => {
    expect(await refused(actors.ada.id, insert(actors.ada.id))).toBe('ok');
    expect(await refused(actors.ada.id, insert(actors.sam.id))).toBe('refused');
    expect(await refused(actors.sam.id, insert(actors.sam.id))).toBe('refused');
    expect(await refused(actors.nova.id, insert(actors.nova.id))).toBe('refused');
    await expectAppError(recordDisclosure(actors.sam, subpoena(), meta), 'not_found');
  });

  it('a recipient abroad needs a safeguard; an authority an instrument; only a legal disclosure is gagged', async () => {
    const bad = [
      sql`insert into disclosures (recipient_kind, recipient_name, client_account_id, data_categories, purpose, lawful_basis, country) values ('vendor', 'Acme', ${seeded.clients.nova}, '{usage_data}', 'Hosting', 'contract', 'US')`,
      sql`insert into disclosures (recipient_kind, recipient_name, client_account_id, data_categories, purpose, lawful_basis) values ('authority', 'Police', ${seeded.clients.nova}, '{usage_data}', 'Request', 'legal_obligation')`,
      sql`insert into disclosures (recipient_kind, recipient_name, client_account_id, data_categories, purpose, lawful_basis, gagged) values ('vendor', 'Acme', ${seeded.clients.nova}, '{usage_data}', 'Hosting', 'contract', true)`,
      sql`insert into disclosures (recipient_kind, recipient_name, client_account_id, data_categories, purpose, lawful_basis) values ('vendor', 'Acme', ${seeded.clients.nova}, '{secrets}', 'Hosting', 'contract')`,
    ];
    for (const statement of bad) await expect(database.db.execute(statement)).rejects.toThrow();
  });

  it('a record changes only by lifting its gag, and is never deleted by the application', async () => {
    const [vendor] = await database.db
      .select()
      .from(disclosures)
      .where(eq(disclosures.recipientName, 'Skyline Travel Desk'));
    const changed = await asApp(
      actors.ada.id,
      async (tx) =>
        rowsOf(await tx.execute(sql`update disclosures set purpose = 'Changed' where id = ${vendor!.id} returning id`))
          .length,
    );
    expect(changed).toBe(0);
    const { id: gagged } = await recordDisclosure(
      actors.ada,
      subpoena({ recipientName: 'Border Agency', instrumentReference: 'BA-9' }),
      meta,
    );
    expect(
      await refused(
        actors.ada.id,
        sql`update disclosures set purpose = 'Changed', gag_lifted_at = now(), gag_lifted_by = ${actors.ada.id} where id = ${gagged}`,
      ),
    ).toBe('refused');
    expect(
      await refused(
        actors.ada.id,
        sql`update disclosures set gag_lifted_at = now(), gag_lifted_by = ${actors.sam.id} where id = ${gagged}`,
      ),
    ).toBe('refused');
    expect(
      await refused(
        actors.sam.id,
        sql`update disclosures set gag_lifted_at = now(), gag_lifted_by = ${actors.sam.id} where id = ${gagged}`,
      ),
    ).toBe('ok');
    expect(await seesRow(actors.nova.id, gagged)).toBe(0);
    const deleted = await asApp(actors.ada.id, async (tx) => {
      try {
        return rowsOf(await tx.execute(sql`delete from disclosures where id = ${vendor!.id} returning id`)).length;
      } catch {
        return -1;
      }
    });
    expect(deleted).toBe(-1);
    // A client may not call the withholding auditor about someone else, and it answers nobody anything.
    const answer = await asApp(
      actors.nova.id,
      async (tx) =>
        rowsOf<{ v: unknown }>(
          await tx.execute(
            sql`select public.app_note_withheld_disclosures(${actors.kai.id}::uuid, 'shared_with') as v`,
          ),
        )[0]!.v,
    );
    expect(answer === null || answer === '').toBe(true);
  });
});
