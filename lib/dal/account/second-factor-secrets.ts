import 'server-only';
import { and, eq, gt, isNotNull, isNull, lt, or } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { recoveryCodes, twoFactorSecrets } from '@/db/schema';
import { checkTotp, isTotpCodeShape, newTotpSecret, totpContext } from '@/lib/auth/totp';
import { generateRecoveryCodes, hashRecoveryCode, normalizeRecoveryCode } from '@/lib/auth/recovery-codes';
import { open, seal } from '@/lib/crypto/envelope';

/*
 * The second factor's storage, inside a caller's transaction: TOTP secrets sealed under `totp:<userId>`,
 * recovery codes as hashes. Used by the sign-in flow and the account page alike.
 */

/** A pending secret left unconfirmed this long is forgotten. */
export const PENDING_MINUTES = 15;

export async function hasActiveSecret(tx: Tx, userId: string): Promise<boolean> {
  const [row] = await tx
    .select({ id: twoFactorSecrets.id })
    .from(twoFactorSecrets)
    .where(and(eq(twoFactorSecrets.userId, userId), isNotNull(twoFactorSecrets.confirmedAt)));
  return Boolean(row);
}

/** Starts an enrolment: a fresh secret, pending until a code confirms it. Returns the secret (to show once). */
export async function createPendingSecret(tx: Tx, userId: string): Promise<string> {
  const secret = newTotpSecret();
  await tx
    .delete(twoFactorSecrets)
    .where(and(eq(twoFactorSecrets.userId, userId), isNull(twoFactorSecrets.confirmedAt)));
  await tx.insert(twoFactorSecrets).values({ userId, secret: seal(secret, totpContext(userId)) });
  return secret;
}

export async function pendingSecret(tx: Tx, userId: string, now: Date): Promise<{ id: string; secret: string } | null> {
  const [row] = await tx
    .select({ id: twoFactorSecrets.id, secret: twoFactorSecrets.secret })
    .from(twoFactorSecrets)
    .where(
      and(
        eq(twoFactorSecrets.userId, userId),
        isNull(twoFactorSecrets.confirmedAt),
        gt(twoFactorSecrets.createdAt, new Date(now.getTime() - PENDING_MINUTES * 60_000)),
      ),
    );
  return row ? { id: row.id, secret: open(row.secret, totpContext(userId)) } : null;
}

export type FactorCheck =
  { ok: true; method: 'totp' | 'recovery_code' } | { ok: false; reason: 'bad_code' | 'replayed_code' };

/** Checks a TOTP code (once per time step) or an unused recovery code (then used up) of the active factor. */
export async function checkSecondFactor(tx: Tx, userId: string, code: string, now: Date): Promise<FactorCheck> {
  if (!isTotpCodeShape(code)) {
    const normalized = normalizeRecoveryCode(code);
    if (!normalized) return { ok: false, reason: 'bad_code' };
    const [used] = await tx
      .update(recoveryCodes)
      .set({ usedAt: now })
      .where(
        and(
          eq(recoveryCodes.userId, userId),
          eq(recoveryCodes.codeHash, hashRecoveryCode(normalized)),
          isNull(recoveryCodes.usedAt),
        ),
      )
      .returning({ id: recoveryCodes.id });
    return used ? { ok: true, method: 'recovery_code' } : { ok: false, reason: 'bad_code' };
  }
  const [active] = await tx
    .select()
    .from(twoFactorSecrets)
    .where(and(eq(twoFactorSecrets.userId, userId), isNotNull(twoFactorSecrets.confirmedAt)))
    .for('update');
  if (!active) return { ok: false, reason: 'bad_code' };
  const result = checkTotp(open(active.secret, totpContext(userId)), code, active.lastTimeStep, now);
  if (!result.ok) return { ok: false, reason: result.reason === 'replayed' ? 'replayed_code' : 'bad_code' };
  // Conditional, so two requests racing with one code cannot both pass.
  const [updated] = await tx
    .update(twoFactorSecrets)
    .set({ lastTimeStep: result.timeStep })
    .where(
      and(
        eq(twoFactorSecrets.id, active.id),
        or(isNull(twoFactorSecrets.lastTimeStep), lt(twoFactorSecrets.lastTimeStep, result.timeStep)),
      ),
    )
    .returning({ id: twoFactorSecrets.id });
  return updated ? { ok: true, method: 'totp' } : { ok: false, reason: 'replayed_code' };
}

/**
 * Confirms the pending secret with a code from it: it replaces any active secret, and a new set of recovery
 * codes replaces the old. Returns the codes (to show once), or null when the code does not match.
 */
export async function activatePendingSecret(tx: Tx, userId: string, code: string, now: Date): Promise<string[] | null> {
  const pending = await pendingSecret(tx, userId, now);
  if (!pending) return null;
  const result = checkTotp(pending.secret, code, null, now);
  if (!result.ok) return null;
  await tx
    .delete(twoFactorSecrets)
    .where(and(eq(twoFactorSecrets.userId, userId), isNotNull(twoFactorSecrets.confirmedAt)));
  await tx
    .update(twoFactorSecrets)
    .set({ confirmedAt: now, lastTimeStep: result.timeStep })
    .where(eq(twoFactorSecrets.id, pending.id));
  return replaceRecoveryCodes(tx, userId);
}

export async function replaceRecoveryCodes(tx: Tx, userId: string): Promise<string[]> {
  const codes = generateRecoveryCodes();
  await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
  await tx
    .insert(recoveryCodes)
    .values(codes.map((code) => ({ userId, codeHash: hashRecoveryCode(normalizeRecoveryCode(code)!) })));
  return codes;
}

export async function removeSecondFactor(tx: Tx, userId: string): Promise<void> {
  await tx.delete(twoFactorSecrets).where(eq(twoFactorSecrets.userId, userId));
  await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
}

export async function unusedRecoveryCodeCount(tx: Tx, userId: string): Promise<number> {
  const rows = await tx
    .select({ id: recoveryCodes.id })
    .from(recoveryCodes)
    .where(and(eq(recoveryCodes.userId, userId), isNull(recoveryCodes.usedAt)));
  return rows.length;
}
