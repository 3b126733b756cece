/**
 * Notifications addressed to a project's owning client go to the people the database names (issue 11 point 2):
 * app_notification_audience decides them, and app_send_notification refuses anyone else for those kinds, whatever
 * recipient the application passes. As the application role, raw SQL, on the demo world.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf, type Tx } from '@/db/client';
import { seedDemoWorld } from '@/db/seed/demo-world';
import { OWNING_CLIENT_KINDS } from '@/lib/dal/notifications/audience';
import { createTestDatabase, type TestDatabase } from '../helpers/database';

let database: TestDatabase;
let ids: Awaited<ReturnType<typeof seedDemoWorld>>;

beforeAll(async () => {
  database = await createTestDatabase();
  ids = await seedDemoWorld(database.db);
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

const audience = (userId: string, projectId: string) =>
  asApp(userId, async (tx) =>
    rowsOf<{ id: string }>(
      await tx.execute(sql`select a.id from app_notification_audience(${projectId}::uuid, 'owning_client') a(id)`),
    ).map((r) => r.id),
  );

const send = (
  userId: string,
  recipient: string,
  kind: string,
  projectId: string | null,
  subject: string | null = null,
) =>
  asApp(
    userId,
    async (tx) =>
      rowsOf<{ id: string }>(
        await tx.execute(
          sql`select app_send_notification(${recipient}::uuid, ${kind}, ${projectId}::uuid, ${subject}::uuid, 'Title', 'Body', '{}'::uuid[], '/client') as id`,
        ),
      )[0]!.id,
  );

describe('the owning client audience is decided by the database', () => {
  it("names the active client users of the project's owning account, to those who tell the client", async () => {
    const owners = rowsOf<{ id: string }>(
      await database.db.execute(
        sql`select cm.user_id as id from client_account_members cm where cm.client_account_id = ${ids.clients.nova}`,
      ),
    ).map((r) => r.id);
    expect(owners).toEqual([ids.userIds.nova]);
    expect(await audience(ids.userIds.sam, ids.projects.aurora)).toEqual(owners); // the lead
    expect(await audience(ids.userIds.ada, ids.projects.aurora)).toEqual(owners); // an administrator
    expect(await audience(ids.userIds.nova, ids.projects.aurora)).toEqual(owners); // the client herself
  });

  it('answers nobody else: the counterparty, another client, someone with no part in the project', async () => {
    expect(await audience(ids.userIds.brian, ids.projects.aurora)).toEqual([]);
    expect(await audience(ids.userIds.kai, ids.projects.aurora)).toEqual([]);
    expect(await audience(ids.userIds.oscar, ids.projects.aurora)).toEqual([]);
    expect(await audience('', ids.projects.aurora)).toEqual([]);
  });

  it('a kind addressed to the owning client reaches its people and no one else, whoever the application names', async () => {
    for (const kind of OWNING_CLIENT_KINDS) {
      expect(await send(ids.userIds.sam, ids.userIds.nova, kind, ids.projects.aurora), kind).toBeTruthy();
      // The administrator, the counterparty and another project's client are all people app_send_notification
      // accepts for other kinds; not for these.
      for (const other of [ids.userIds.ada, ids.userIds.brian, ids.userIds.kai]) {
        await expect(send(ids.userIds.sam, other, kind, ids.projects.aurora), `${kind} to ${other}`).rejects.toThrow();
      }
      await expect(send(ids.userIds.ada, ids.userIds.nova, kind, null), `${kind} without a project`).rejects.toThrow();
    }
  });

  it("other kinds go to whom the row they are about names (migration 0046), no longer to any of the project's people", async () => {
    const [grant] = rowsOf<{ id: string }>(
      await database.db.execute(
        sql`select id from memberships where user_id = ${ids.userIds.finn} and project_id = ${ids.projects.aurora}`,
      ),
    );
    const granted = (recipient: string, subject: string | null = grant!.id) =>
      send(ids.userIds.sam, recipient, 'access.granted', ids.projects.aurora, subject);
    expect(await granted(ids.userIds.finn)).toBeTruthy(); // the grant's holder
    expect(await granted(ids.userIds.nova)).toBeTruthy(); // the owning client, told of every grant
    await expect(granted(ids.userIds.ada)).rejects.toThrow(); // one of the project's people, not named by the grant
    await expect(granted(ids.userIds.kai)).rejects.toThrow();
    await expect(granted(ids.userIds.finn, null)).rejects.toThrow(); // about nothing: to nobody
  });
});
