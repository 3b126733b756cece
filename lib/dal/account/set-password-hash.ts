import 'server-only';
import { eq } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { userPasswords, users } from '@/db/schema';

/**
 * Sets an account's password (its argon2 hash, in user_passwords: apart from the people directory every signed-in
 * user reads). The account's own row is touched too, so a sign-in that locked it orders against the change.
 */
export async function setPasswordHash(tx: Tx, userId: string, passwordHash: string, now: Date): Promise<void> {
  await tx
    .insert(userPasswords)
    .values({ userId, passwordHash, updatedAt: now })
    .onConflictDoUpdate({ target: userPasswords.userId, set: { passwordHash, updatedAt: now } });
  await tx.update(users).set({ updatedAt: now }).where(eq(users.id, userId));
}
