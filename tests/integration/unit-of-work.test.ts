/**
 * The unit of work (lib/dal/transaction.ts): `authorize` asks the policy and records the answer; a refusal ends the
 * work with its events committed, so a refused attempt is on the record, and the caller gets "not found" unless
 * the work chose another answer.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoWorld } from '@/db/seed/demo-world';
import type { Actor } from '@/lib/authz/types';
import { withActor } from '@/lib/dal/transaction';
import { invalid } from '@/lib/errors';
import { demoActors, meta, type DemoKey } from '../helpers/actors';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { auditSince, lastAuditId } from '../helpers/demo';
import { expectAppError } from '../helpers/expect';

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

const system = { type: 'system' } as const;
const event = { targetType: 'user', targetId: null } as const;

describe('authorize', () => {
  it('lets an allowed act go on and records it as allowed, with the actor and the request', async () => {
    const before = await lastAuditId(database.db);
    const value = await withActor(
      actors.ada,
      async ({ authorize }) => {
        authorize('user.invite', system, event);
        return 'done';
      },
      { meta },
    );
    expect(value).toBe('done');
    const events = await auditSince(database.db, before);
    expect(events.map((e) => [e.action, e.outcome, e.actorId, e.ip])).toEqual([
      ['user.invite', 'allowed', actors.ada.id, meta.ip],
    ]);
  });

  it('ends a denied act as "not found", with its denial and everything queued before it on the record', async () => {
    const before = await lastAuditId(database.db);
    let reachedAfterDenial = false;
    await expectAppError(
      withActor(actors.sam, async ({ audit, authorize }) => {
        audit({ actorId: actors.sam.id, action: 'project.create', targetType: 'project', outcome: 'allowed' });
        authorize('user.invite', system, event);
        reachedAfterDenial = true;
      }),
      'not_found',
      'Not found.',
    );
    expect(reachedAfterDenial).toBe(false);
    const events = await auditSince(database.db, before);
    expect(events.map((e) => [e.action, e.outcome, e.reason])).toEqual([
      ['project.create', 'allowed', null],
      ['user.invite', 'denied', 'not_admin'],
    ]);
  });

  it('answers a denial with the refusal the work chose, by the policy reason', async () => {
    await expectAppError(
      withActor(actors.sam, async ({ authorize }) => {
        authorize('user.invite', system, event, (reason) => invalid(`Refused: ${reason}.`));
      }),
      'invalid',
      'Refused: not_admin.',
    );
  });

  it('records no allowed event when the act writes its own, and still records a denial', async () => {
    const before = await lastAuditId(database.db);
    await withActor(actors.ada, async ({ authorize }) => {
      authorize('user.invite', system, { ...event, recordAllowed: false });
    });
    expect(await auditSince(database.db, before)).toEqual([]);
    await expectAppError(
      withActor(actors.sam, async ({ authorize }) =>
        authorize('user.invite', system, { ...event, recordAllowed: false }),
      ),
      'not_found',
    );
    expect((await auditSince(database.db, before)).map((e) => e.outcome)).toEqual(['denied']);
  });

  it('refuses anyone not signed in, recording the attempt without an actor', async () => {
    const before = await lastAuditId(database.db);
    await expectAppError(
      withActor(null, async ({ authorize }) => authorize('user.invite', system, event)),
      'not_found',
    );
    const events = await auditSince(database.db, before);
    expect(events.map((e) => [e.action, e.outcome, e.reason, e.actorId])).toEqual([
      ['user.invite', 'denied', 'not_found', null],
    ]);
  });
});

describe('deny and enforce', () => {
  it('deny records the reason given and ends the work', async () => {
    const before = await lastAuditId(database.db);
    await expectAppError(
      withActor(actors.ada, async ({ deny }) => {
        deny({ action: 'item.read', targetType: 'item', targetId: null, reason: 'not_found' });
      }),
      'not_found',
    );
    expect((await auditSince(database.db, before)).map((e) => [e.action, e.outcome, e.reason])).toEqual([
      ['item.read', 'denied', 'not_found'],
    ]);
  });

  it('enforce records a decision of another policy check the same way', async () => {
    const before = await lastAuditId(database.db);
    await expectAppError(
      withActor(actors.ada, async ({ enforce }) => {
        enforce({ allowed: false, reason: 'not_admin' }, { action: 'membership.grant', ...event }, invalid('No.'));
      }),
      'invalid',
      'No.',
    );
    expect((await auditSince(database.db, before)).map((e) => [e.action, e.outcome, e.reason])).toEqual([
      ['membership.grant', 'denied', 'not_admin'],
    ]);
  });
});
