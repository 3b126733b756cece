/**
 * Password hashes live apart from the people directory (issue 11): every signed-in person reads `users` (names on
 * rosters and in history), but an argon2 hash is readable, as the application role, only for the account the
 * credential in hand names — the person themself, or the address typed at sign-in — never for anyone else and never
 * with nothing in hand. An administrator cannot read them either (erasure deletes without reading).
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { userPasswords, users } from '@/db/schema';
import { seedDemoWorld } from '@/db/seed/demo-world';
import type { Actor } from '@/lib/authz/types';
import { bindCredential } from '@/lib/dal/account/bind-credential';
import { withActor } from '@/lib/dal/transaction';
import { DEMO_EMAILS, DEMO_KEYS, demoActors, type DemoKey } from '../helpers/actors';
import { createTestDatabase, type TestDatabase } from '../helpers/database';

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

describe('password hashes', () => {
  it('every demo account has one, stored apart from the directory', async () => {
    expect(await database.db.select().from(userPasswords)).toHaveLength(DEMO_KEYS.length);
    const [row] = await database.db.select().from(users).limit(1);
    expect(Object.keys(row!)).not.toContain('passwordHash');
  });

  it.each(DEMO_KEYS)('%s reads the directory but only their own hash', async (key) => {
    const { directory, hashes } = await withActor(actors[key], async ({ tx }) => ({
      directory: await tx.select({ id: users.id }).from(users),
      hashes: await tx.select({ userId: userPasswords.userId }).from(userPasswords),
    }));
    expect(directory.length).toBeGreaterThan(1);
    expect(hashes).toEqual([{ userId: actors[key].id }]);
  });

  it('with nothing in hand, no hash; with an address typed at sign-in, that account’s only', async () => {
    expect(await withActor(null, ({ tx }) => tx.select().from(userPasswords))).toEqual([]);
    const typed = await withActor(null, async ({ tx }) => {
      await bindCredential(tx, { email: DEMO_EMAILS.finn });
      return tx.select({ userId: userPasswords.userId }).from(userPasswords);
    });
    expect(typed).toEqual([{ userId: actors.finn.id }]);
  });

  it('nobody sets or changes another account’s hash', async () => {
    const hash = '$argon2id$v=19$m=19456,t=2,p=1$forged$forged';
    const changed = await withActor(actors.ada, ({ tx }) =>
      tx.update(userPasswords).set({ passwordHash: hash }).where(eq(userPasswords.userId, actors.finn.id)).returning(),
    );
    expect(changed).toEqual([]);
    await expect(
      withActor(actors.sam, ({ tx }) =>
        tx
          .insert(userPasswords)
          .values({ userId: actors.nina.id, passwordHash: hash })
          .onConflictDoUpdate({ target: userPasswords.userId, set: { passwordHash: hash } }),
      ),
    ).rejects.toThrow();
    const [finn] = await database.db.select().from(userPasswords).where(eq(userPasswords.userId, actors.finn.id));
    expect(finn!.passwordHash).not.toBe(hash);
  });
});
