/**
 * The database as a second wall: the application role under row-level security, whatever the application
 * code asks. Raw SQL here, no DAL filter: only the database's own policies stand between the query and the data.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertApplicationRole, rowsOf, type Tx } from '@/db/client';
import { DEMO_CANARIES, seedDemoWorld } from '@/db/seed/demo-world';
import { createTestDatabase, type TestDatabase } from '../helpers/database';

let database: TestDatabase;
let ids: Awaited<ReturnType<typeof seedDemoWorld>>;

beforeAll(async () => {
  database = await createTestDatabase();
  ids = await seedDemoWorld(database.db);
});
afterAll(async () => database?.dispose());

const CONFIDENTIAL_TABLES = ['projects', 'items', 'memberships', 'allowlist_entries', 'audit_events'] as const;

/** Runs `work` as the application role with `userId` acting (or nobody), then rolls back. */
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

const count = async (tx: Tx, table: string) =>
  rowsOf<{ n: number }>(await tx.execute(sql.raw(`select count(*)::int as n from ${table}`)))[0]!.n;

describe('row-level security', () => {
  it('with no acting user set, the confidential tables return nothing', async () => {
    for (const table of CONFIDENTIAL_TABLES) {
      expect(await asApp('', (tx) => count(tx, table)), table).toBe(0);
    }
    // …while the rows are there (the owner's connection sees them).
    expect(rowsOf<{ n: number }>(await database.db.execute(sql`select count(*)::int as n from items`))[0]!.n).toBe(
      DEMO_CANARIES.length,
    );
  });

  it('the metadata directories show nothing without an acting user either', async () => {
    expect(await asApp('', (tx) => count(tx, 'item_directory'))).toBe(0);
    expect(await asApp('', (tx) => count(tx, 'project_directory'))).toBe(0);
  });

  it('the admin reads no item and no project row, only the content-free directories', async () => {
    const admin = ids.userIds.ada;
    expect(await asApp(admin, (tx) => count(tx, 'items'))).toBe(0);
    expect(await asApp(admin, (tx) => count(tx, 'projects'))).toBe(0);
    expect(await asApp(admin, (tx) => count(tx, 'item_directory'))).toBe(DEMO_CANARIES.length);
    const columns = await asApp(admin, async (tx) =>
      Object.keys(rowsOf<Record<string, unknown>>(await tx.execute(sql`select * from item_directory limit 1`))[0]!),
    );
    expect(columns).not.toContain('title');
    expect(columns).not.toContain('body');
  });

  it('a staff member reads exactly the rows of their scopes', async () => {
    const titles = await asApp(ids.userIds.finn, async (tx) =>
      rowsOf<{ title: string }>(await tx.execute(sql`select title from items order by title`)).map((r) => r.title),
    );
    expect(titles.join(' ')).toContain('AURORA-RATE-250K');
    expect(titles.join(' ')).toContain('AURORA-DELIVERABLES');
    expect(titles).toHaveLength(2);
  });

  it('a disabled user is nobody to the database', async () => {
    await database.db.execute(sql`update users set disabled_at = now() where id = ${ids.userIds.sam}`);
    try {
      expect(await asApp(ids.userIds.sam, (tx) => count(tx, 'items'))).toBe(0);
    } finally {
      await database.db.execute(sql`update users set disabled_at = null where id = ${ids.userIds.sam}`);
    }
  });

  it('only an administrator may write grants, even through raw SQL', async () => {
    const attempt = asApp(ids.userIds.sam, (tx) =>
      tx.execute(
        sql`insert into memberships (user_id, project_id, role) values (${ids.userIds.nina}, ${ids.projects.aurora}, 'lead')`,
      ),
    );
    await expect(attempt).rejects.toThrow();
    const revoke = await asApp(
      ids.userIds.sam,
      async (tx) =>
        rowsOf(
          await tx.execute(
            sql`update memberships set revoked_at = now() where project_id = ${ids.projects.aurora} returning id`,
          ),
        ).length,
    );
    expect(revoke).toBe(0);
  });

  it('nobody can change or delete audit events through the application role', async () => {
    const admin = ids.userIds.ada;
    await database.db.execute(
      sql`insert into audit_events (actor_id, action, target_type, outcome) values (${admin}, 'test.event', 'user', 'allowed')`,
    );
    expect(await asApp(admin, (tx) => count(tx, 'audit_events'))).toBeGreaterThan(0);
    await expect(asApp(admin, (tx) => tx.execute(sql`update audit_events set reason = 'rewritten'`))).rejects.toThrow();
    await expect(asApp(admin, (tx) => tx.execute(sql`delete from audit_events`))).rejects.toThrow();
    await expect(asApp(admin, (tx) => tx.execute(sql`truncate audit_events`))).rejects.toThrow();
    // The table owner is stopped by the trigger too.
    await expect(database.db.execute(sql`update audit_events set reason = 'rewritten'`)).rejects.toThrow();
  });
});

describe('start-up check', () => {
  it('accepts the application role as migrated', async () => {
    await expect(assertApplicationRole(database.db)).resolves.toBeUndefined();
  });

  it('refuses a role that bypasses row-level security', async () => {
    await expect(
      database.db.transaction(async (tx) => {
        await tx.execute(sql`alter role clearance_app bypassrls`);
        await assertApplicationRole(tx as never);
      }),
    ).rejects.toThrow('Refusing to start');
  });
});

/** Whether a write as the application role goes through: rows changed, or refused (an error or no row). */
async function writes(userId: string, statement: ReturnType<typeof sql>): Promise<number | 'refused'> {
  try {
    return await asApp(userId, async (tx) => rowsOf(await tx.execute(statement)).length);
  } catch {
    return 'refused';
  }
}

describe('write rules in the database (issue 11)', () => {
  const itemId = async (canary: string) =>
    rowsOf<{ id: string }>(
      await database.db.execute(
        sql`select id from items where title = ${canary} or body like ${`%${canary}%`} limit 1`,
      ),
    )[0]?.id;

  it('a member who is neither author nor lead changes no other item: not its body, author or sharing', async () => {
    const rate = (await itemId('Rate card'))!;
    expect(rate).toBeTruthy();
    for (const change of [
      sql`update items set body = 'rewritten' where id = ${rate} returning id`,
      sql`update items set author_id = ${ids.userIds.finn} where id = ${rate} returning id`,
      sql`update items set shared_with_counterparty = true where id = ${rate} returning id`,
      sql`update items set body = 'rewritten' returning id`,
    ]) {
      expect(await writes(ids.userIds.finn, change)).toSatisfy((r) => r === 'refused' || r === 0);
    }
    // The lead may edit and share; an author who is not lead may edit but not classify or share.
    expect(
      await writes(
        ids.userIds.sam,
        sql`update items set shared_with_counterparty = true where id = ${rate} returning id`,
      ),
    ).toBe(1);
  });

  it('nobody moves an item to another project or author, not even its lead', async () => {
    const rate = (await itemId('Rate card'))!;
    expect(
      await writes(
        ids.userIds.sam,
        sql`update items set author_id = ${ids.userIds.finn} where id = ${rate} returning id`,
      ),
    ).toBe('refused');
    expect(
      await writes(
        ids.userIds.sam,
        sql`update items set project_id = ${ids.projects.borealis} where id = ${rate} returning id`,
      ),
    ).toBe('refused');
  });

  it('an agency person creates an item only in scope and with a current NDA', async () => {
    const insert = (author: string, category: string) =>
      sql`insert into items (project_id, category, title, body, author_id) values (${ids.projects.aurora}, ${category}, 't', 'b', ${author})`;
    expect(await writes(ids.userIds.finn, insert(ids.userIds.finn, 'logistics'))).toBe('refused');
    expect(await writes(ids.userIds.finn, insert(ids.userIds.sam, 'deal_terms'))).toBe('refused');
    expect(await writes(ids.userIds.finn, insert(ids.userIds.finn, 'deal_terms'))).toBe(0);
  });

  it("a client records an authorization only for a project of their own account, and the portfolio checks the project's owner", async () => {
    const record = (
      client: string,
      project: string,
    ) => sql`insert into authorizations (client_account_id, project_id, kind, outcome,
      public_title, public_summary, signed_text, signed_text_sha256, signer_user_id, signer_name, signed_at)
      values (${client}, ${project}, 'portfolio_use', 'signed', 'Title', 'Summary', 'text', ${'0'.repeat(64)}, ${ids.userIds.nova}, 'Nova Reyes', now())`;
    // Nova signs for Kai's project (Kai demands zero public association): refused.
    expect(await writes(ids.userIds.nova, record(ids.clients.nova, ids.projects.borealis))).toBe('refused');
    // Even written past the application (as the owner), the portfolio does not list it.
    let listed: string[] | null = null;
    await database.db
      .transaction(async (tx) => {
        await tx.execute(record(ids.clients.nova, ids.projects.borealis));
        await tx.execute(sql`select set_config('app.user_id', '', true), set_config('role', 'clearance_app', true)`);
        listed = rowsOf<{ project_id: string }>(await tx.execute(sql`select project_id from public_portfolio`)).map(
          (r) => r.project_id,
        );
        throw new Error('rollback');
      })
      .catch(() => {});
    expect(listed).not.toBeNull();
    expect(listed).not.toContain(ids.projects.borealis);
    // Kai, under zero public association, signs no public use; a revocation of a record not theirs is refused.
    expect(await writes(ids.userIds.kai, record(ids.clients.kai, ids.projects.borealis))).toBe('refused');
    // Her own project, no demand: allowed.
    expect(await writes(ids.userIds.nova, record(ids.clients.nova, ids.projects.aurora))).toBe(0);
  });

  it('an authorization request is asked only of the project’s owner, never under zero public association', async () => {
    const ask = (
      client: string,
      project: string,
      by: string,
    ) => sql`insert into authorization_requests (client_account_id, project_id, kind,
      public_title, public_summary, text, text_sha256, requested_by) values (${client}, ${project}, 'portfolio_use', 'T', 'S', 'text', ${'0'.repeat(64)}, ${by})`;
    expect(await writes(ids.userIds.oscar, ask(ids.clients.kai, ids.projects.borealis, ids.userIds.oscar))).toBe(
      'refused',
    );
    expect(await writes(ids.userIds.sam, ask(ids.clients.lumen, ids.projects.aurora, ids.userIds.sam))).toBe('refused');
    expect(await writes(ids.userIds.sam, ask(ids.clients.nova, ids.projects.aurora, ids.userIds.sam))).toBe(0);
  });

  it('audit events are appended only as the acting user, or as nobody when there is none', async () => {
    const event = (actor: string | null) =>
      sql`insert into audit_events (actor_id, action, target_type, outcome) values (${actor}, 'item.read', 'item', 'allowed')`;
    expect(await writes('', event(ids.userIds.ada))).toBe('refused');
    expect(await writes(ids.userIds.finn, event(ids.userIds.ada))).toBe('refused');
    expect(await writes(ids.userIds.finn, event(null))).toBe('refused');
    expect(await writes(ids.userIds.finn, event(ids.userIds.finn))).toBe(0);
    expect(await writes('', event(null))).toBe(0);
    // A step before sign-in names the account it is about, for its own auth.* events only.
    const signIn = sql`insert into audit_events (actor_id, action, target_type, target_id, outcome)
      values (${ids.userIds.sam}, 'auth.sign_in', 'user', ${ids.userIds.sam}, 'denied')`;
    expect(await writes('', signIn)).toBe(0);
  });

  it('notifications are written only through the function, which refuses senders and recipients with no part in the project', async () => {
    const direct = sql`insert into notifications (user_id, kind, title, body) values (${ids.userIds.ada}, 'access.granted', 'x', 'y')`;
    expect(await writes(ids.userIds.sam, direct)).toBe('refused');
    // About Finn's grant on Aurora: its holder and Aurora's owning client are the ones it may go to.
    const [grant] = rowsOf<{ id: string }>(
      await database.db.execute(
        sql`select id from memberships where user_id = ${ids.userIds.finn} and project_id = ${ids.projects.aurora}`,
      ),
    );
    const send = (recipient: string, project: string | null, href = '/notifications') =>
      sql`select public.app_send_notification(${recipient}::uuid, 'access.granted', ${project}::uuid, ${grant!.id}::uuid, 'Title', 'Body', '{}'::uuid[], ${href})`;
    // Nina has no part in Borealis; Cora (Aurora only) tells Kai nothing about Borealis; nobody tells anyone.
    expect(await writes(ids.userIds.nina, send(ids.userIds.kai, ids.projects.borealis))).toBe('refused');
    expect(await writes(ids.userIds.cora, send(ids.userIds.kai, ids.projects.borealis))).toBe('refused');
    expect(await writes('', send(ids.userIds.sam, ids.projects.aurora))).toBe('refused');
    // Sam (Aurora lead) may not tell Kai (Borealis' client) about Aurora, nor link outside the app.
    expect(await writes(ids.userIds.sam, send(ids.userIds.kai, ids.projects.aurora))).toBe('refused');
    expect(await writes(ids.userIds.sam, send(ids.userIds.nova, ids.projects.aurora, 'https://evil.test/'))).toBe(
      'refused',
    );
    expect(await writes(ids.userIds.sam, send(ids.userIds.nova, ids.projects.aurora))).toBe(1);
  });

  it('a membership changes only by being revoked, once', async () => {
    const finnOnAurora = sql`user_id = ${ids.userIds.finn} and project_id = ${ids.projects.aurora}`;
    expect(
      await writes(
        ids.userIds.ada,
        sql`update memberships set scopes = '{deal_terms,identity}' where ${finnOnAurora} returning id`,
      ),
    ).toBe('refused');
    expect(
      await writes(
        ids.userIds.ada,
        sql`update memberships set user_id = ${ids.userIds.nina} where ${finnOnAurora} returning id`,
      ),
    ).toBe('refused');
    expect(
      await writes(
        ids.userIds.ada,
        sql`update memberships set revoked_at = now(), revoked_by = ${ids.userIds.ada} where ${finnOnAurora} returning id`,
      ),
    ).toBe(1);
  });
});

describe('definer functions (issue 11)', () => {
  it('each pins search_path to pg_catalog, pg_temp, and only the application role may execute it', async () => {
    const rows = rowsOf<{ name: string; config: string[] | null; public_exec: boolean; app_exec: boolean }>(
      await database.db.execute(sql`select p.oid::regprocedure::text as name, p.proconfig as config,
        has_function_privilege('public', p.oid, 'EXECUTE') as public_exec,
        has_function_privilege('clearance_app', p.oid, 'EXECUTE') as app_exec
        from pg_proc p join pg_namespace n on n.oid = p.pronamespace where n.nspname = 'public' and p.prosecdef`),
    );
    expect(rows.length).toBeGreaterThan(15);
    const wrong = rows
      .filter((r) => !(r.config ?? []).includes('search_path=pg_catalog, pg_temp') || r.public_exec || !r.app_exec)
      .map((r) => r.name);
    expect(wrong).toEqual([]);
  });

  it('nobody but the owner creates objects in schema public', async () => {
    const [row] = rowsOf<{ can: boolean }>(
      await database.db.execute(sql`select has_schema_privilege('public', 'public', 'CREATE') as can`),
    );
    expect(row!.can).toBe(false);
    await expect(
      asApp('', (tx) =>
        tx.execute(sql`create function public.app_user_id_planted() returns int language sql as 'select 1'`),
      ),
    ).rejects.toThrow();
  });

  it('they answer only about what the caller may know', async () => {
    const ask = (userId: string, query: ReturnType<typeof sql>) =>
      asApp(userId, async (tx) => rowsOf<{ v: unknown }>(await tx.execute(query))[0]!.v);
    for (const query of [
      sql`select retention_project_held(${ids.projects.borealis}) as v`,
      sql`select retention_account_held(${ids.clients.kai}) as v`,
      sql`select retention_user_held(${ids.userIds.kai}) as v`,
      sql`select app_item_project(id) as v from item_directory limit 1`,
      sql`select app_project_zero_association(${ids.projects.borealis}) as v`,
      sql`select app_item_is_handover(${ids.userIds.kai}, ${ids.projects.borealis}) as v`,
    ]) {
      expect(await ask(ids.userIds.finn, query)).toBeNull();
    }
    expect(await ask('', sql`select privacy_restricted_project(${ids.projects.borealis}) as v`)).toBeNull();
    expect(await ask(ids.userIds.ada, sql`select retention_project_held(${ids.projects.borealis}) as v`)).toBe(false);
    expect(await ask(ids.userIds.oscar, sql`select app_project_zero_association(${ids.projects.borealis}) as v`)).toBe(
      true,
    );
  });
});
