/**
 * Idempotent creates (issue 17, point 4): a create form carries a one-time key, so the same submission sent
 * twice (a double click, a resend after a lost answer), one after the other or at the same moment, makes
 * one row and both get the first answer; a new key makes a new row; another person's key is theirs alone.
 */
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { accessRequests, idempotentSubmissions, items } from '@/db/schema';
import { seedDemoWorld } from '@/db/seed/demo-world';
import { caller, invoke, type Answer, type ServerAction } from '../helpers/action-harness';
import { DEMO_EMAILS } from '../helpers/actors';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { openSessionFor } from '../helpers/sign-in';

vi.mock('next-auth', async () => (await import('../helpers/action-harness')).nextAuthMock);
vi.mock('next-auth/providers/credentials', async () => (await import('../helpers/action-harness')).credentialsMock);
vi.mock('next/headers', async () => (await import('../helpers/action-harness')).nextHeadersMock);
vi.mock('next/cache', async () => (await import('../helpers/action-harness')).nextCacheMock);

let database: TestDatabase;
let seeded: Awaited<ReturnType<typeof seedDemoWorld>>;

const action = async (file: string, name: string): Promise<ServerAction> => {
  const module = (await import(/* @vite-ignore */ file)) as Record<string, ServerAction['fn']>;
  return { file, name, id: name, fn: module[name]! };
};
const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) data.append(k, v);
  return data;
};
const key = () => crypto.randomUUID().replaceAll('-', '');
const signInAs = async (who: keyof typeof DEMO_EMAILS) => {
  caller.sessionId = (await openSessionFor(DEMO_EMAILS[who], { ip: '203.0.113.9', userAgent: 'vitest' })).sessionId;
};

beforeAll(async () => {
  database = await createTestDatabase();
  seeded = await seedDemoWorld(database.db);
});
afterAll(async () => database?.dispose());

describe('creating an item with a one-time key', () => {
  const newItem = (title: string, idempotencyKey: string) =>
    form({
      projectId: seeded.projects.aurora,
      category: 'deal_terms',
      classification: 'confidential',
      title,
      body: 'Terms to confirm.',
      idempotencyKey,
    });
  const itemsTitled = async (title: string) =>
    database.db
      .select({ id: items.id })
      .from(items)
      .where(and(eq(items.projectId, seeded.projects.aurora), eq(items.title, title)));

  it('the same submission twice makes one item, and both answers lead to it', async () => {
    await signInAs('sam');
    const create = await action('@/app/(portal)/items/actions', 'createItemAction');
    const submission = key();
    const first = await invoke(create, [undefined, newItem('Idempotent once', submission)]);
    const second = await invoke(create, [undefined, newItem('Idempotent once', submission)]);
    const rows = await itemsTitled('Idempotent once');
    expect(rows).toHaveLength(1);
    expect(first).toEqual({ kind: 'redirect', to: `/items/${rows[0]!.id}` });
    expect(second).toEqual(first);
  });

  it('sent at the same moment, still one item', async () => {
    await signInAs('sam');
    const create = await action('@/app/(portal)/items/actions', 'createItemAction');
    const submission = key();
    const answers: Answer[] = await Promise.all(
      [1, 2, 3].map(() => invoke(create, [undefined, newItem('Idempotent race', submission)])),
    );
    expect(await itemsTitled('Idempotent race')).toHaveLength(1);
    for (const answer of answers) expect(['redirect', 'state']).toContain(answer.kind);
  });

  it('a new key is a new item; a malformed key is refused with a message and writes nothing', async () => {
    await signInAs('sam');
    const create = await action('@/app/(portal)/items/actions', 'createItemAction');
    await invoke(create, [undefined, newItem('Idempotent twice', key())]);
    await invoke(create, [undefined, newItem('Idempotent twice', key())]);
    expect(await itemsTitled('Idempotent twice')).toHaveLength(2);
    const bad = await invoke(create, [undefined, newItem('Idempotent bad key', 'short')]);
    expect(bad).toMatchObject({ kind: 'state', value: { ok: false, message: expect.stringMatching(/reload/) } });
    expect(await itemsTitled('Idempotent bad key')).toHaveLength(0);
  });
});

describe('asking for access with a one-time key', () => {
  it('the same request twice makes one request and gives the first answer again; the key is the asker’s alone', async () => {
    await signInAs('finn');
    const ask = await action('@/app/(portal)/requests/actions', 'createAccessRequestAction');
    const submission = key();
    const fields = {
      kind: 'membership',
      projectId: seeded.projects.borealis,
      scopes: 'deal_terms',
      reason: 'Idempotent: I run the Borealis budget.',
      idempotencyKey: submission,
    };
    const first = await invoke(ask, [undefined, form(fields)]);
    const second = await invoke(ask, [undefined, form(fields)]);
    expect(first).toMatchObject({ kind: 'state', value: { ok: true } });
    expect(second).toEqual(first);
    const rows = await database.db
      .select({ id: accessRequests.id })
      .from(accessRequests)
      .where(eq(accessRequests.reason, fields.reason));
    expect(rows).toHaveLength(1);
    // Only the actor and the key are kept with the answer: nothing the person typed.
    const [kept] = await database.db
      .select()
      .from(idempotentSubmissions)
      .where(eq(idempotentSubmissions.key, submission));
    expect(JSON.stringify(kept?.result)).not.toContain('Borealis budget');

    // Cora sending Finn's key is a submission of her own, not a replay of his answer.
    await signInAs('cora');
    const hers = await invoke(ask, [undefined, form({ ...fields, reason: 'Idempotent: Cora asks on her own.' })]);
    expect(hers).not.toEqual(first);
  });
});
