/**
 * Every notification's recipients are derived by the database from the row the act refers to (issue 11 point 2,
 * migration 0046): app_send_notification writes only to a recipient app_notification_recipients names for that
 * kind and subject, and only when the acting user is one who may cause that notification. As the application role
 * with an acting user, raw SQL and through notify(), on the demo world: the legitimate recipient receives it (and
 * the email is queued); anyone else, or the same recipient told by the wrong person, is refused.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf, type Tx } from '@/db/client';
import { seedDemoWorld } from '@/db/seed/demo-world';
import { notify } from '@/lib/dal/notifications/notify';
import { withActor } from '@/lib/dal/transaction';
import { demoActors, type DemoKey } from '../helpers/actors';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import type { Actor } from '@/lib/authz/types';

let database: TestDatabase;
let ids: Awaited<ReturnType<typeof seedDemoWorld>>;
let actors: Record<DemoKey, Actor>;
/** Rows the notifications are about. */
let finnOnAurora: string;
let samNda: string;
let accessRequest: string;
let disclosure: string;

const one = async <T>(query: ReturnType<typeof sql>) => rowsOf<T>(await database.db.execute(query))[0]!;

beforeAll(async () => {
  database = await createTestDatabase();
  ids = await seedDemoWorld(database.db);
  actors = await demoActors(database.db);
  const u = ids.userIds;
  ({ id: finnOnAurora } = await one<{ id: string }>(
    sql`select id from memberships where user_id = ${u.finn} and project_id = ${ids.projects.aurora}`,
  ));
  ({ id: samNda } = await one<{ id: string }>(
    sql`select id from nda_requests where user_id = ${u.sam} and sent_by = ${u.ada} limit 1`,
  ));
  // Nina (no part in Aurora) asks for access to it.
  ({ id: accessRequest } = await one<{ id: string }>(
    sql`insert into access_requests (requester_id, kind, project_id, scopes, reason)
      values (${u.nina}, 'membership', ${ids.projects.aurora}, '{logistics}', 'To help') returning id`,
  ));
  ({ id: disclosure } = await one<{ id: string }>(
    sql`select id from disclosures where client_account_id = ${ids.clients.nova} limit 1`,
  ));
});
afterAll(async () => database?.dispose());

/** Runs `work` as the application role with `userId` acting, then rolls back. */
async function asApp<T>(userId: string, work: (tx: Tx) => Promise<T>): Promise<T> {
  let result: T | undefined;
  await database.db
    .transaction(async (tx) => {
      await tx.execute(
        sql`select set_config('app.user_id', ${userId}, true), set_config('role', 'clearance_app', true)`,
      );
      result = await work(tx);
      throw new Error('rollback');
    })
    .catch((error: unknown) => {
      if (!(error instanceof Error && error.message === 'rollback')) throw error;
    });
  return result as T;
}

/** Whether `sender` may tell `recipient` of `kind` about `subject`: 'sent' or 'refused'. */
const send = (sender: string, recipient: string, kind: string, project: string | null, subject: string | null) =>
  asApp(sender, async (tx) => {
    await tx.execute(sql`savepoint attempt`);
    try {
      await tx.execute(
        sql`select public.app_send_notification(${recipient}::uuid, ${kind}, ${project}::uuid, ${subject}::uuid,
          'Title', 'Body', '{}'::uuid[], '/notifications')`,
      );
      return 'sent';
    } catch {
      await tx.execute(sql`rollback to savepoint attempt`);
      return 'refused';
    }
  });

describe('every kind goes to whom the row it is about names', () => {
  it('a grant: its holder and the owning client; not the other people of the project', async () => {
    const u = ids.userIds;
    const aurora = ids.projects.aurora;
    expect(await send(u.ada, u.finn, 'access.granted', aurora, finnOnAurora)).toBe('sent');
    expect(await send(u.ada, u.nova, 'access.granted', aurora, finnOnAurora)).toBe('sent');
    expect(await send(u.ada, u.sam, 'access.granted', aurora, finnOnAurora)).toBe('refused');
    expect(await send(u.ada, u.cora, 'access.granted', aurora, finnOnAurora)).toBe('refused');
    expect(await send(u.ada, u.finn, 'access.revoked', aurora, finnOnAurora)).toBe('sent');
    expect(await send(u.ada, u.nova, 'access.revoked', aurora, finnOnAurora)).toBe('refused');
    expect(await send(u.sam, u.finn, 'review.decided', aurora, finnOnAurora)).toBe('sent');
    expect(await send(u.sam, u.ada, 'review.decided', aurora, finnOnAurora)).toBe('refused');
    // The row must be of the project named, and the sender one who acts on it.
    expect(await send(u.ada, u.finn, 'access.granted', ids.projects.borealis, finnOnAurora)).toBe('refused');
    expect(await send(u.oscar, u.finn, 'access.granted', aurora, finnOnAurora)).toBe('refused');
    // An administrator hears of an expiring grant; only scheduled work (acting as one) tells it.
    expect(await send(u.ada, u.ada, 'access.expiring', aurora, finnOnAurora)).toBe('sent');
    expect(await send(u.sam, u.finn, 'access.expiring', aurora, finnOnAurora)).toBe('refused');
  });

  it('an access request: the admins hear it from its requester; its requester hears the decision from an admin', async () => {
    const u = ids.userIds;
    const aurora = ids.projects.aurora;
    expect(await send(u.nina, u.ada, 'access_request.created', aurora, accessRequest)).toBe('sent');
    expect(await send(u.nina, u.sam, 'access_request.created', aurora, accessRequest)).toBe('refused');
    expect(await send(u.cora, u.ada, 'access_request.created', aurora, accessRequest)).toBe('refused');
    expect(await send(u.ada, u.nina, 'access_request.decided', aurora, accessRequest)).toBe('sent');
    expect(await send(u.ada, u.cora, 'access_request.decided', aurora, accessRequest)).toBe('refused');
    expect(await send(u.sam, u.nina, 'access_request.decided', aurora, accessRequest)).toBe('refused');
  });

  it('an NDA: its signer from its sender, its sender from its signer, no one else', async () => {
    const u = ids.userIds;
    expect(await send(u.ada, u.sam, 'nda.sent', null, samNda)).toBe('sent');
    expect(await send(u.ada, u.finn, 'nda.sent', null, samNda)).toBe('refused');
    expect(await send(u.sam, u.ada, 'nda.signed', null, samNda)).toBe('sent');
    expect(await send(u.sam, u.finn, 'nda.refused', null, samNda)).toBe('refused');
    expect(await send(u.finn, u.ada, 'nda.signed', null, samNda)).toBe('refused');
  });

  it("a disclosure: the client account's people, told by an administrator", async () => {
    const u = ids.userIds;
    expect(await send(u.ada, u.nova, 'disclosure.legal', null, disclosure)).toBe('sent');
    expect(await send(u.ada, u.kai, 'disclosure.legal', null, disclosure)).toBe('refused');
    expect(await send(u.sam, u.nova, 'disclosure.gag_lifted', null, disclosure)).toBe('refused');
  });

  it('no subject, an unknown kind, or nobody acting: to nobody', async () => {
    const u = ids.userIds;
    expect(await send(u.ada, u.finn, 'access.granted', ids.projects.aurora, null)).toBe('refused');
    expect(await send(u.ada, u.sam, 'nda.sent', null, null)).toBe('refused');
    expect(await send(u.ada, u.finn, 'made.up', ids.projects.aurora, finnOnAurora)).toBe('refused');
    expect(await send('', u.finn, 'access.granted', ids.projects.aurora, finnOnAurora)).toBe('refused');
  });

  it('through notify(): the derived recipient is told and emailed; naming anyone else fails the whole act', async () => {
    const told = { kind: 'access.revoked' as const, projectId: ids.projects.aurora, subject: finnOnAurora };
    const before = await one<{ n: number }>(
      sql`select count(*)::int as n from notifications where user_id = ${ids.userIds.finn}`,
    );
    await withActor(actors.ada, ({ tx }) =>
      notify(tx, { ...told, userIds: [ids.userIds.finn] }, () => ({ title: 'Revoked', body: 'Your access ended.' })),
    );
    const after = await one<{ n: number }>(
      sql`select count(*)::int as n from notifications where user_id = ${ids.userIds.finn}`,
    );
    expect(after.n).toBe(before.n + 1);
    await expect(
      withActor(actors.ada, ({ tx }) =>
        notify(tx, { ...told, userIds: [ids.userIds.sam] }, () => ({ title: 'Revoked', body: 'Not yours.' })),
      ),
    ).rejects.toThrow();
    const samTold = await one<{ n: number }>(
      sql`select count(*)::int as n from notifications where user_id = ${ids.userIds.sam} and body = 'Not yours.'`,
    );
    expect(samTold.n).toBe(0);
  });
});
