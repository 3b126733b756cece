/**
 * The credentials vault (docs/product.md §6): a credentials item's value is revealed one at a time, to exactly those
 * who may read the item, after re-entering their password, with a reason; every attempt is audited in the same
 * transaction as the reveal; a wrong password reveals nothing; editing never needs nor shows the old value.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD_DEFAULT, DEMO_SECRETS, seedDemoWorld } from '@/db/seed/demo-world';
import type { Actor } from '@/lib/authz/types';
import { createItem } from '@/lib/dal/items/create-item';
import { readItem } from '@/lib/dal/items/read-item';
import { updateItem } from '@/lib/dal/items/update-item';
import { revealSecret, TOO_MANY_FAILURES_MESSAGE, WRONG_CREDENTIAL_MESSAGE } from '@/lib/dal/credentials/reveal-secret';
import { NOT_FOUND_MESSAGE } from '@/lib/errors';
import { DEMO_EMAILS, DEMO_KEYS, demoActors, meta, type DemoKey } from '../helpers/actors';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { auditSince, itemIdsByCanary, itemRow, lastAuditId, type Canary } from '../helpers/demo';
import { expectAppError } from '../helpers/expect';

let database: TestDatabase;
let actors: Record<DemoKey, Actor>;
let ids: Record<Canary, string>;
let aurora: string;
const SECRET = DEMO_SECRETS[0]!;

beforeAll(async () => {
  database = await createTestDatabase();
  aurora = (await seedDemoWorld(database.db)).projects.aurora;
  actors = await demoActors(database.db);
  ids = await itemIdsByCanary(database.db);
});

afterAll(async () => {
  await database?.dispose();
});

const reveal = (key: DemoKey, itemId: string, credential = DEMO_PASSWORD_DEFAULT, reason = 'Posting the launch reel') =>
  revealSecret({ ...actors[key], email: DEMO_EMAILS[key] }, { itemId, credential, reason }, meta);

describe('who may reveal', () => {
  it('the lead on the allowlist reveals the value; the reveal and its reason are audited', async () => {
    const before = await lastAuditId(database.db);
    expect(await reveal('sam', ids['AURORA-CREDENTIALS'])).toBe(SECRET);
    const events = (await auditSince(database.db, before)).filter((e) => e.action === 'credentials.reveal');
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      action: 'credentials.reveal',
      outcome: 'allowed',
      actorId: actors.sam.id,
      targetType: 'item',
      targetId: ids['AURORA-CREDENTIALS'],
      projectId: aurora,
      reason: 'Posting the launch reel',
      ip: '203.0.113.9',
    });
    // The audit log records the reveal, never the value.
    expect(JSON.stringify(events)).not.toContain(SECRET);
  });

  it('the client who handed it over reveals it too', async () => {
    expect(await reveal('nova', ids['AURORA-CREDENTIALS'])).toBe(SECRET);
  });

  it.each(DEMO_KEYS.filter((k) => k !== 'sam' && k !== 'nova'))(
    '%s is told it does not exist, and the attempt is audited',
    async (key) => {
      const before = await lastAuditId(database.db);
      await expectAppError(reveal(key, ids['AURORA-CREDENTIALS']), 'not_found', NOT_FOUND_MESSAGE);
      const events = await auditSince(database.db, before);
      expect(events).toMatchObject([
        {
          action: 'credentials.reveal',
          outcome: 'denied',
          actorId: actors[key].id,
          targetId: ids['AURORA-CREDENTIALS'],
        },
      ]);
    },
  );

  it('an item that is not a credentials item has nothing to reveal, even for its readers', async () => {
    await expectAppError(reveal('sam', ids['AURORA-HR-ITINERARY']), 'not_found');
    await expectAppError(reveal('sam', '00000000-0000-4000-8000-000000000000'), 'not_found');
  });
});

describe('re-authentication', () => {
  it('a wrong password is refused clearly, audited as denied, and reveals nothing', async () => {
    const before = await lastAuditId(database.db);
    const error = await expectAppError(
      reveal('sam', ids['AURORA-CREDENTIALS'], 'not-my-password'),
      'invalid',
      WRONG_CREDENTIAL_MESSAGE,
    );
    expect(JSON.stringify(error)).not.toContain(SECRET);
    const events = (await auditSince(database.db, before)).filter((e) => e.action === 'credentials.reveal');
    expect(events).toMatchObject([
      {
        action: 'credentials.reveal',
        outcome: 'denied',
        reason: 'reauth_failed',
        actorId: actors.sam.id,
        details: { statedReason: 'Posting the launch reel' },
      },
    ]);
  });

  it('repeated failures lock reveals, even with the right password afterwards', async () => {
    let message = '';
    for (let i = 0; i < 20 && message !== TOO_MANY_FAILURES_MESSAGE; i++) {
      message = (await expectAppError(reveal('nova', ids['AURORA-CREDENTIALS'], `wrong-${i}`), 'invalid')).message;
    }
    expect(message).toBe(TOO_MANY_FAILURES_MESSAGE);
    await expectAppError(reveal('nova', ids['AURORA-CREDENTIALS']), 'invalid', TOO_MANY_FAILURES_MESSAGE);
    // Someone else is not affected.
    expect(await reveal('sam', ids['AURORA-CREDENTIALS'])).toBe(SECRET);
  });

  it('an outsider is told "not found" without their password being checked at all', async () => {
    const before = await lastAuditId(database.db);
    await expectAppError(reveal('finn', ids['AURORA-CREDENTIALS'], 'wrong'), 'not_found');
    const events = await auditSince(database.db, before);
    expect(events.map((e) => e.action)).toEqual(['credentials.reveal']);
  });

  it('fail closed: when the audit event cannot be written, the value is not handed out', async () => {
    const { db } = database;
    // Only the reveal's own event is refused: re-authentication and its audit go through.
    await db.execute(
      sql.raw(`alter table audit_events add constraint audit_block check (action <> 'credentials.reveal') not valid`),
    );
    try {
      await expect(reveal('sam', ids['AURORA-CREDENTIALS'])).rejects.toThrow('audit_events');
    } finally {
      await db.execute(sql.raw('alter table audit_events drop constraint if exists audit_block'));
    }
  });
});

describe('storing and editing a value', () => {
  it('a new credentials item keeps its value sealed apart from the content; a read never carries it', async () => {
    const { id } = await createItem(
      actors.sam,
      {
        projectId: aurora,
        category: 'credentials',
        classification: 'confidential',
        sharedWithCounterparty: false,
        title: 'TikTok login NEW-TT',
        body: 'Handle @nova',
        allowlistUserIds: [],
        secret: 'NEW-TT-SECRET',
      },
      meta,
    );
    const row = (await itemRow(database.db, id))!;
    expect(row).toMatchObject({ classification: 'high_risk', title: null, body: null });
    expect(JSON.stringify(row)).not.toContain('NEW-TT');
    const view = await readItem(actors.sam, id, meta);
    expect(view).toMatchObject({ title: 'TikTok login NEW-TT', hasSecret: true, canReveal: true });
    expect(JSON.stringify(view)).not.toContain('NEW-TT-SECRET');
    expect(await reveal('sam', id)).toBe('NEW-TT-SECRET');
  });

  it('an edit with a blank value keeps the stored one; a new value replaces it', async () => {
    const itemId = ids['AURORA-CREDENTIALS'];
    await updateItem(
      actors.nova,
      { itemId, title: 'Instagram login AURORA-CREDENTIALS', body: 'Two-factor via SMS. AURORA-CREDENTIALS' },
      meta,
    );
    expect(await reveal('sam', itemId)).toBe(SECRET);
    expect((await readItem(actors.sam, itemId, meta))?.body).toBe('Two-factor via SMS. AURORA-CREDENTIALS');

    const before = await lastAuditId(database.db);
    await updateItem(
      actors.nova,
      {
        itemId,
        title: 'Instagram login AURORA-CREDENTIALS',
        body: 'Rotated. AURORA-CREDENTIALS',
        secret: 'ROTATED-PASSWORD-1',
      },
      meta,
    );
    expect(await reveal('sam', itemId)).toBe('ROTATED-PASSWORD-1');
    const edit = (await auditSince(database.db, before)).find((e) => e.action === 'item.edit');
    expect(edit).toMatchObject({ outcome: 'allowed', details: { secretChanged: true } });
    expect(JSON.stringify(edit)).not.toContain('ROTATED-PASSWORD-1');
  });

  it('only credentials items take a value', async () => {
    await expectAppError(
      createItem(
        actors.sam,
        {
          projectId: aurora,
          category: 'logistics',
          classification: 'high_risk',
          sharedWithCounterparty: false,
          title: 'x',
          body: 'y',
          allowlistUserIds: [],
          secret: 'z',
        },
        meta,
      ),
      'invalid',
    );
    await expectAppError(
      updateItem(actors.sam, { itemId: ids['AURORA-HR-ITINERARY'], title: 'x', body: 'y', secret: 'z' }, meta),
      'invalid',
    );
  });
});
