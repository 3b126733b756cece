/**
 * Erasure by reference (issue 12, finding 10): messages name people by id and show their name when read, so
 * erasing "Will" changes only Will's account row. Another person's text that says "… will be reviewed …" (or
 * even "Will") is never searched or rewritten; notification emails name no one at all.
 */
import { readFileSync } from 'node:fs';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '@/db/client';
import { notifications, outboxEmails, users } from '@/db/schema';
import { seedDemoWorld } from '@/db/seed/demo-world';
import type { Actor } from '@/lib/authz/types';
import { listNotifications } from '@/lib/dal/notifications/list-notifications';
import { notify } from '@/lib/dal/notifications/notify';
import { completePrivacyRequest } from '@/lib/dal/privacy/complete';
import { submitPublicRequest } from '@/lib/dal/privacy/submit-public-request';
import { verifyRequestCode } from '@/lib/dal/privacy/verify-request-code';
import { withActor } from '@/lib/dal/transaction';
import { demoActors, meta, type DemoKey } from '../helpers/actors';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { codeSentTo, publicRequest } from '../helpers/privacy';
import { opened } from '../helpers/outbox';

let database: TestDatabase;
let actors: Record<DemoKey, Actor>;
let will: string;
/** Oscar told of his own Borealis grant: the database delivers a notification only to whom its subject names. */
let told: { kind: 'access.granted'; userIds: string[]; projectId: string; subject: string };

beforeAll(async () => {
  database = await createTestDatabase();
  await seedDemoWorld(database.db);
  actors = await demoActors(database.db);
  [{ id: will }] = (await database.db
    .insert(users)
    .values({ email: 'will@mmgroup.test', name: 'Will', role: 'staff' })
    .returning({ id: users.id })) as [{ id: string }];
  const [grant] = rowsOf<{ id: string; project_id: string }>(
    await database.db.execute(
      sql`select m.id, m.project_id from memberships m where m.user_id = ${actors.oscar.id} and m.role = 'lead'`,
    ),
  );
  told = { kind: 'access.granted', userIds: [actors.oscar.id], projectId: grant!.project_id, subject: grant!.id };
});

afterAll(async () => {
  await database?.dispose();
});

const rowOf = async (id: string) =>
  (await database.db.select().from(notifications).where(eq(notifications.id, id)))[0]!;
const shown = async (actor: Actor, id: string) => (await listNotifications(actor)).find((n) => n.id === id)!;

async function eraseWill() {
  const { requestId } = await submitPublicRequest(
    publicRequest({ kind: 'deletion', email: 'will@mmgroup.test', name: 'Will' }),
    meta,
  );
  await verifyRequestCode(
    { requestId, code: await codeSentTo(database.db, 'will@mmgroup.test'), purpose: 'requester' },
    meta,
  );
  return (await completePrivacyRequest(actors.ada, { requestId }, meta)).receipt!;
}

/** The last statement of migration 0020: older notifications whose template led with a person's name. */
async function migrateLegacyNames() {
  const statements = readFileSync('db/migrations/0020_erase_by_reference.sql', 'utf8').split(
    '--> statement-breakpoint',
  );
  await database.db.execute(sql.raw(statements.at(-1)!));
}

describe('erasure by reference', () => {
  it('"Will" erased: messages naming him now say "Deleted person"; "… will be reviewed …" and every stored text are untouched', async () => {
    // A notification written the way the app writes them (Oscar is told Will asks for access).
    await withActor(actors.ada, ({ tx }) =>
      notify(tx, told, (_r, mention) => ({
        title: `Access request: ${mention(will)} asks for a project`,
        body: `${mention(will)} asks for a project. Reason: Will says it will be reviewed by Friday.`,
        href: '/admin/requests',
      })),
    );
    const mentioning = (await listNotifications(actors.oscar)).find((n) => n.kind === 'access.granted')!;
    expect(mentioning.title).toBe('Access request: Will asks for a project');
    // Unrelated texts that contain the word: one new, one written before names were kept by reference.
    const [unrelated] = await database.db
      .insert(notifications)
      .values({
        userId: actors.oscar.id,
        kind: 'access.granted',
        title: 'Access granted: Aurora',
        body: 'Your access will be reviewed in a year. Will you need it longer?',
      })
      .returning();
    const [legacy] = await database.db
      .insert(notifications)
      .values({
        userId: actors.sam.id,
        kind: 'access_request.created',
        title: 'Access request: Will asks for Aurora',
        body: 'Will asks for Aurora. Reason: the work will be reviewed.',
      })
      .returning();
    await migrateLegacyNames();
    const legacyMigrated = await rowOf(legacy!.id);
    expect(legacyMigrated.people).toEqual([will]);
    expect(legacyMigrated.body).toBe(`{{person:${will}}} asks for Aurora. Reason: the work will be reviewed.`);
    const storedBefore = await rowOf(mentioning.id);

    const receipt = await eraseWill();

    expect(await shown(actors.oscar, mentioning.id)).toMatchObject({
      title: 'Access request: Deleted person asks for a project',
      // The reason is what someone typed: "Will" there is a word in their text, not a reference, and stays.
      body: 'Deleted person asks for a project. Reason: Will says it will be reviewed by Friday.',
    });
    expect(await shown(actors.sam, legacy!.id)).toMatchObject({
      title: 'Access request: Deleted person asks for Aurora',
      body: 'Deleted person asks for Aurora. Reason: the work will be reviewed.',
    });
    expect(await shown(actors.oscar, unrelated!.id)).toMatchObject({
      title: 'Access granted: Aurora',
      body: 'Your access will be reviewed in a year. Will you need it longer?',
    });
    // No stored text changed: only Will's account row did.
    expect(await rowOf(mentioning.id)).toEqual(storedBefore);
    expect(await rowOf(unrelated!.id)).toEqual(unrelated);
    const [account] = await database.db.select({ name: users.name }).from(users).where(eq(users.id, will));
    expect(account?.name).toBe('Deleted person');
    // The receipt counts exactly the messages to others that name him by reference.
    const line = receipt.tables.find((t) => t.table === "other people's notifications naming you");
    expect(line).toMatchObject({ outcome: 'de-identified', count: 2 });
  });

  it('notification emails quote no one and name no one: the title with "Someone", and a link', async () => {
    await withActor(actors.ada, ({ tx }) =>
      notify(tx, told, (_r, mention) => ({
        title: `Access request: ${mention(actors.sam.id)} asks for a project`,
        body: `${mention(actors.sam.id)} asks for a project. Reason: typed words that stay in the portal.`,
        href: '/admin/requests',
      })),
    );
    const [mail] = opened(
      await database.db
        .select()
        .from(outboxEmails)
        .where(eq(outboxEmails.to, 'oscar.other@mmgroup.test'))
        .orderBy(sql`${outboxEmails.createdAt} desc`)
        .limit(1),
    );
    expect(mail?.subject).toBe('Clearance: Access request: Someone asks for a project');
    expect(mail?.text).toMatch(/\/admin\/requests$/);
    expect(`${mail?.subject} ${mail?.text}`).not.toMatch(/Sam|typed words|person:/);
    expect((await listNotifications(actors.oscar))[0]!.title).toBe('Access request: Sam Lead asks for a project');
  });

  it('a token typed into free text names no one: only the people the message itself recorded are filled in', async () => {
    await withActor(actors.ada, ({ tx }) =>
      notify(tx, told, () => ({
        title: 'Access request',
        body: `Reason: {{person:${actors.nina.id}}}`,
      })),
    );
    expect((await listNotifications(actors.oscar))[0]!.body).toBe(`Reason: {{person:${actors.nina.id}}}`);
  });
});
